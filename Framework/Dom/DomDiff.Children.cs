namespace RazorFaces.Dom;

internal partial class DomDiff
{
    private sealed partial class Differ
    {
        public void DiffChildren(IReadOnlyList<DomNode> oldChildren, IReadOnlyList<DomNode> newChildren)
        {
            var start = 0;
            var oldEnd = oldChildren.Count;
            var newEnd = newChildren.Count;
            while (start < oldEnd && start < newEnd && Matches(oldChildren[start], newChildren[start]))
            {
                start++;
            }
            while (oldEnd > start && newEnd > start && Matches(oldChildren[oldEnd - 1], newChildren[newEnd - 1]))
            {
                oldEnd--;
                newEnd--;
            }

            // newToOld[j] is the old index matched with new child start + j, or -1 when the new child was
            // inserted or replaced (and so needs no recursive diff).
            int[] newToOld = [];
            if (start < oldEnd || start < newEnd)
            {
                newToOld = IsKeyed(oldChildren, newChildren, start, oldEnd, newEnd)
                    ? ReconcileKeyed(oldChildren, newChildren, start, oldEnd, newEnd)
                    : ReconcileByPosition(oldChildren, newChildren, start, oldEnd, newEnd);
            }

            // The list now has the new shape, so every matched pair is diffed at its new index.
            for (var j = 0; j < start; j++)
            {
                DiffNode(j, oldChildren[j], newChildren[j]);
            }
            for (var j = start; j < newEnd; j++)
            {
                var oldIndex = newToOld[j - start];
                if (oldIndex >= 0)
                {
                    DiffNode(j, oldChildren[oldIndex], newChildren[j]);
                }
            }
            for (var j = newEnd; j < newChildren.Count; j++)
            {
                DiffNode(j, oldChildren[j - newEnd + oldEnd], newChildren[j]);
            }
        }

        /// <summary>Unkeyed middle: pair by position, replace pairs that do not match, trim or extend the tail.</summary>
        private int[] ReconcileByPosition(
            IReadOnlyList<DomNode> oldChildren, IReadOnlyList<DomNode> newChildren, int start, int oldEnd, int newEnd)
        {
            var oldLength = oldEnd - start;
            var newLength = newEnd - start;
            var newToOld = new int[newLength];
            var common = Math.Min(oldLength, newLength);
            for (var j = 0; j < common; j++)
            {
                var index = start + j;
                if (Matches(oldChildren[index], newChildren[index]))
                {
                    newToOld[j] = index;
                }
                else
                {
                    Patches.Add(new ReplacePatch(PathTo(index), newChildren[index]));
                    newToOld[j] = -1;
                }
            }
            // Remove from the back so that the indexes of the nodes still to be removed do not shift.
            for (var i = oldEnd - 1; i >= start + common; i--)
            {
                Patches.Add(new RemovePatch(PathTo(i)));
            }
            for (var j = common; j < newLength; j++)
            {
                Patches.Add(new InsertPatch(ParentPath(), start + j, newChildren[start + j]));
                newToOld[j] = -1;
            }
            return newToOld;
        }

        /// <summary>
        /// Keyed reconciliation is used when an element in the middle has a key and no key occurs twice
        /// (duplicate keys would make the matching ambiguous; such lists fall back to matching by position).
        /// </summary>
        private static bool IsKeyed(
            IReadOnlyList<DomNode> oldChildren, IReadOnlyList<DomNode> newChildren, int start, int oldEnd, int newEnd)
        {
            var hasKeys = false;
            for (var i = start; i < oldEnd && !hasKeys; i++)
            {
                hasKeys = oldChildren[i] is DomElement { Key: not null };
            }
            for (var j = start; j < newEnd && !hasKeys; j++)
            {
                hasKeys = newChildren[j] is DomElement { Key: not null };
            }
            return hasKeys && KeysAreUnique(oldChildren, start, oldEnd) && KeysAreUnique(newChildren, start, newEnd);
        }

        private static bool KeysAreUnique(IReadOnlyList<DomNode> children, int start, int end)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = start; i < end; i++)
            {
                if (children[i] is DomElement { Key: { } key } && !keys.Add(key))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
