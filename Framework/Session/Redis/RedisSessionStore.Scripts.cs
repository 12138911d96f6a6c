namespace RazorFaces.Session.Redis;

public sealed partial class RedisSessionStore
{
    // KEYS[1]: the session hash. ARGV: expected version, time to live (ms), number of fields to set, then
    // that many name/value pairs, then the names of fields to delete. Answers the new version, or -1 when
    // the stored version is not the expected one — which includes a session that expired meanwhile (its
    // key is gone, so only expected version 0, a new session, may create it).
    private const string SaveScript = """
        local stored = redis.call('HGET', KEYS[1], '~v')
        local expected = tonumber(ARGV[1])
        local version = 0
        if stored then version = tonumber(stored) end
        if version ~= expected then return -1 end
        local pairs = tonumber(ARGV[3])
        local i = 4
        for _ = 1, pairs do
          redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        while i <= #ARGV do
          redis.call('HDEL', KEYS[1], ARGV[i])
          i = i + 1
        end
        version = version + 1
        redis.call('HSET', KEYS[1], '~v', version)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return version
        """;
}
