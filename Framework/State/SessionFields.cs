namespace RazorFaces.State;

/// <summary>The names of a stored session's fields: <c>meta</c>, <c>bean:{type}</c> per bean, <c>view:{id}</c> per view.</summary>
internal static class SessionFields
{
    public const string MetaField = "meta";
    public const string BeanPrefix = "bean:";
    public const string ViewPrefix = "view:";

    /// <summary>Left at an old id after a rotation: the id the session moved to.</summary>
    public const string MovedField = "~moved";

    public static string ViewField(string viewId) => ViewPrefix + viewId;

    public static string BeanField(string beanKey) => BeanPrefix + beanKey;
}
