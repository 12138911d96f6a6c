namespace RazorFaces.State;

/// <summary>The names of a stored session's fields: <c>meta</c>, <c>bean:{type}</c> per bean, <c>view:{id}</c> per view, <c>evicted</c>.</summary>
internal static class SessionFields
{
    public const string MetaField = "meta";
    public const string BeanPrefix = "bean:";
    public const string ViewPrefix = "view:";

    /// <summary>Left at an old id after a rotation: the id the session moved to.</summary>
    public const string MovedField = "~moved";

    /// <summary>The ids of views dropped for the per-session cap (see <see cref="SessionState.Evicted"/>); absent while there are none.</summary>
    public const string EvictedField = "evicted";

    public static string ViewField(string viewId) => ViewPrefix + viewId;

    public static string BeanField(string beanKey) => BeanPrefix + beanKey;
}
