namespace RazorFaces.Dom;

internal partial class DomDiff
{
    private sealed partial class Differ
    {
        /// <summary>
        /// Keyed middle: keyed elements are matched by key (and tag), unkeyed nodes in order among themselves.
        /// Unmatched old nodes are removed, unmatched new nodes inserted, and matched nodes moved; the nodes on
        /// a longest increasing subsequence of new positions stay put, so the number of moves is minimal.
        /// Keyed elements are therefore moved, never rebuilt.
        /// </summary>
        private int[] ReconcileKeyed(
            IReadOnlyList<DomNode> oldChildren, IReadOnlyList<DomNode> newChildren, int start, int oldEnd, int newEnd)
        {
            var oldLength = oldEnd - start;
            var newLength = newEnd - start;
            var newByKey = new Dictionary<string, int>(newLength, StringComparer.Ordinal);
            var unkeyedNew = new List<int>();
            for (var j = 0; j < newLength; j++)
            {
                if (newChildren[start + j] is DomElement { Key: { } key })
                {
                    newByKey[key] = j;
                }
                else
                {
                    unkeyedNew.Add(j);
                }
            }

            var newToOld = new int[newLength];
            Array.Fill(newToOld, -1);
            var oldToNew = new int[oldLength];
            var nextUnkeyed = 0;
            for (var i = 0; i < oldLength; i++)
            {
                var oldNode = oldChildren[start + i];
                var match = -1;
                if (oldNode is DomElement { Key: { } key })
                {
                    if (newByKey.TryGetValue(key, out var j) && Matches(oldNode, newChildren[start + j]))
                    {
                        match = j;
                    }
                }
                else if (nextUnkeyed < unkeyedNew.Count)
                {
                    var j = unkeyedNew[nextUnkeyed++];
                    if (Matches(oldNode, newChildren[start + j]))
                    {
                        match = j;
                    }
                }
                oldToNew[i] = match;
                if (match >= 0)
                {
                    newToOld[match] = start + i;
                }
            }

            // Nothing in common (say, a list swapped for another one): there is nothing to move, and replacing
            // position by position needs half the patches of removing everything and inserting everything.
            if (Array.TrueForAll(oldToNew, j => j < 0))
            {
                return ReconcileByPosition(oldChildren, newChildren, start, oldEnd, newEnd);
            }

            // Back to front, so that the indexes of the nodes still to be removed do not shift.
            for (var i = oldLength - 1; i >= 0; i--)
            {
                if (oldToNew[i] < 0)
                {
                    Patches.Add(new RemovePatch(PathTo(start + i)));
                }
            }

            // The middle of the list as the client has it now, as new positions (relative to start).
            var current = new List<int>(Math.Max(oldLength, newLength));
            foreach (var j in oldToNew)
            {
                if (j >= 0)
                {
                    current.Add(j);
                }
            }
            var stable = LongestIncreasingRun(current, newLength);

            // Right to left: each new child is put directly before its right neighbour (already in place),
            // the way a DOM insertBefore(anchor) loop would, translated into indexes.
            var anchor = current.Count;
            for (var j = newLength - 1; j >= 0; j--)
            {
                int position;
                if (newToOld[j] < 0)
                {
                    position = anchor;
                    Patches.Add(new InsertPatch(ParentPath(), start + position, newChildren[start + j]));
                    current.Insert(position, j);
                }
                else
                {
                    position = anchor > 0 && current[anchor - 1] == j ? anchor - 1 : current.IndexOf(j);
                    if (!stable[j])
                    {
                        var to = position < anchor ? anchor - 1 : anchor;
                        if (to != position)
                        {
                            Patches.Add(new MovePatch(ParentPath(), start + position, start + to));
                            current.RemoveAt(position);
                            current.Insert(to, j);
                            position = to;
                        }
                    }
                }
                anchor = position;
            }
            return newToOld;
        }

        /// <summary>
        /// Marks the values of <paramref name="sequence"/> (distinct, below <paramref name="range"/>) that form one
        /// longest strictly increasing subsequence. O(n log n) patience sorting.
        /// </summary>
        private static bool[] LongestIncreasingRun(IReadOnlyList<int> sequence, int range)
        {
            var marked = new bool[range];
            var count = sequence.Count;
            if (count == 0)
            {
                return marked;
            }
            var tails = new int[count];
            var previous = new int[count];
            var length = 0;
            for (var i = 0; i < count; i++)
            {
                var value = sequence[i];
                int low = 0, high = length;
                while (low < high)
                {
                    var middle = (low + high) >>> 1;
                    if (sequence[tails[middle]] < value)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }
                previous[i] = low > 0 ? tails[low - 1] : -1;
                tails[low] = i;
                if (low == length)
                {
                    length++;
                }
            }
            for (var i = tails[length - 1]; i >= 0; i = previous[i])
            {
                marked[sequence[i]] = true;
            }
            return marked;
        }
    }
}
