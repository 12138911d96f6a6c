using RazorFaces.Session;

namespace RazorFaces.Redis;

internal partial class RedisSessionStore
{
    // Every script reads the time from Redis itself (TIME), so all nodes agree on when a session ends.
    // A session's deadline lives in its bucket's sorted set (KEYS[2], same hash tag as the session); its hash is kept a grace period longer so that the
    // node that claims it can still read its beans for the end-of-session hooks.
    private const string Now = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        """;

    // The session's (ARGV[1]) version (0 when its hash does not exist) and whether it is live (its deadline has not
    // passed). Every stored hash has a version, so reading it also tells whether the hash exists: two commands
    // inside Redis, on every event's two scripts.
    // The third answer is the deadline itself (false when there is none).
    private const string State = """
        local function state()
          local version = redis.call('HGET', KEYS[1], '~v')
          if version == false then return 0, false, false end
          local deadline = redis.call('ZSCORE', KEYS[2], ARGV[1])
          if deadline == false then return tonumber(version), false, false end
          deadline = tonumber(deadline)
          return tonumber(version), deadline > now, deadline
        end
        """;

    // KEYS: session hash, deadlines, and the session's lease when the save also ends it. ARGV: session id, expected
    // version, time to live (ms), grace (ms), the lease token (empty when there is no lease), how long to keep the
    // lease (ms; 0: release it), number of fields to set, then that many name/value pairs, then the names of fields to
    // delete. Answers the new version, or -1 when the stored version is not the expected one — including a session
    // whose deadline has passed: only expected version 0 (a new session) may create a session that does not exist, so
    // a late write never resurrects an expired one — or when another holder has the lease now: a holder that was
    // frozen long enough to be taken for dead (or past its lease's time to live) must not write under the new
    // holder's feet, even before the new holder has saved. A lease that lapsed and that nobody took leaves the
    // version to decide.
    // The request is over: after a successful save the lease is kept for the holder's node (its next request on the
    // session needs no round trip to take it) when asked to, otherwise released; either only while no other holder
    // has it: a lease that was taken by another node stays theirs.
    // Fields go in one HSET and one HDEL (in slices, as Lua's unpack has a stack limit).
    // The deadline (and the hash's expiry with it) is moved only when it moves later by more than 1% of the time to
    // live, at most 5 s, or earlier at all: a user clicking twice a second would otherwise rewrite both on every event
    // (two of the script's commands), and a session may then end that little before its exact idle time.
    private const string SaveScript = Now + "\n" + State + "\n" + """
        local holder = false
        if #KEYS > 2 then holder = redis.call('GET', KEYS[3]) end
        local function save()
          if holder and holder ~= ARGV[5] then return -1 end
          local version, live, deadline = state()
          if version ~= 0 and not live then return -1 end
          if version ~= tonumber(ARGV[2]) then return -1 end
          version = version + 1
          local fields = {'~v', version}
          local last = 7 + tonumber(ARGV[7]) * 2
          for i = 8, last do fields[#fields + 1] = ARGV[i] end
          for i = 1, #fields, 4000 do redis.call('HSET', KEYS[1], unpack(fields, i, math.min(i + 3999, #fields))) end
          for i = last + 1, #ARGV, 4000 do redis.call('HDEL', KEYS[1], unpack(ARGV, i, math.min(i + 3999, #ARGV))) end
          local ttl = tonumber(ARGV[3])
          local wanted = now + ttl
          if version == 1 or not deadline or wanted < deadline or wanted - deadline > math.min(ttl / 100, 5000) then
            redis.call('ZADD', KEYS[2], wanted, ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ttl + tonumber(ARGV[4]))
          end
          return version
        end
        local result = save()
        if #KEYS > 2 then
          local keep = tonumber(ARGV[6])
          if result >= 0 and keep > 0 and (holder == false or holder == ARGV[5]) then
            redis.call('SET', KEYS[3], ARGV[5], 'PX', keep)
          elseif holder == ARGV[5] then
            redis.call('DEL', KEYS[3])
          end
        end
        return result
        """;

    // KEYS: session hash, deadlines, lease. ARGV: session id, token, lease time to live (ms), and the holder this
    // node found dead (empty when none). Takes the lease if it is free, or if it still holds exactly that dead
    // holder's token (compare-and-set: a holder that changed meanwhile is not overwritten), and then answers the
    // session's version (0 when it is gone or expired). While another holder has the lease, nothing changes and
    // the answer is that holder's token (a string), so the caller can ask whether its node is still alive.
    private const string AcquireScript = Now + "\n" + State + "\n" + """
        local holder = redis.call('GET', KEYS[3])
        if holder and holder ~= ARGV[4] then return holder end
        redis.call('SET', KEYS[3], ARGV[2], 'PX', tonumber(ARGV[3]))
        local version, live = state()
        if not live then return 0 end
        return version
        """;

    // KEYS: lease. ARGV: token. Compare-and-delete: only the token's holder releases its lease.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // KEYS: lease. ARGV: token, time to live (ms). Extends the lease only while it is still the holder's; 0 when it
    // was lost (expired, and perhaps taken by another node).
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) end
        return 0
        """;

    // KEYS: session hash, deadlines. ARGV: session id. The version, or false when gone or expired.
    private const string VersionScript = Now + "\n" + State + "\n" + """
        local version, live = state()
        if not live then return false end
        return version
        """;

    // KEYS: session hash, deadlines. ARGV: session id. All fields, or an empty list when gone or expired.
    private const string LoadScript = Now + "\n" + State + "\n" + """
        local _, live = state()
        if not live then return {} end
        return redis.call('HGETALL', KEYS[1])
        """;

    // KEYS: a bucket's deadlines. ARGV: how many. The ids in that bucket whose deadline has passed (by Redis's clock).
    private const string ExpiredScript = Now + "\n" + """
        return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
        """;

    // KEYS: the bucket's deadlines, the session hash. ARGV: session id. Takes an expired session exactly once (ZREM
    // answers 1 to one caller only) and answers its fields; false when it is not expired (written since it was
    // listed) or another node took it. Both keys are the bucket's, so this runs on one slot of a Redis Cluster.
    private const string ClaimScript = Now + "\n" + """
        local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if deadline == false or tonumber(deadline) > now then return false end
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return false end
        local fields = redis.call('HGETALL', KEYS[2])
        redis.call('DEL', KEYS[2])
        return fields
        """;
}
