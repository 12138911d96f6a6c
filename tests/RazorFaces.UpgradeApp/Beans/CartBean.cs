namespace Demo.App.Beans;

/// <summary>
/// The next build's cart: <c>NextId</c> is gone (ids now follow the items already there) and <c>Currency</c> is
/// new. A cart written by the previous build reads tolerantly: its <c>nextId</c> is skipped and the currency
/// keeps its default.
/// </summary>
public sealed class CartBean
{
    public List<CartItem> Items { get; set; } = [];

    public string Currency { get; set; } = "EUR";

    public void Add(string name) => Items.Add(new CartItem(Items.Count == 0 ? 1 : Items.Max(i => i.Id) + 1, name.Trim()));

    public void Remove(int id) => Items.RemoveAll(i => i.Id == id);
}
