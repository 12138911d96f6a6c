namespace Demo.App.Beans;

/// <summary>The shopping cart: one per browser session, shared by all its tabs, stored in the session object.</summary>
public sealed class CartBean
{
    public List<CartItem> Items { get; set; } = [];

    public int NextId { get; set; } = 1;

    public void Add(string name) => Items.Add(new CartItem(NextId++, name.Trim()));

    public void Remove(int id) => Items.RemoveAll(i => i.Id == id);
}
