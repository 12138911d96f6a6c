using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using RazorFaces.Rendering;
using RazorFaces.Tests.TestComponents;

namespace RazorFaces.Tests.Rendering;

/// <summary>How the args type of an event is found from the <c>[EventHandler]</c> attributes a component can see.</summary>
public sealed class EventArgsTypesTests
{
    [Theory]
    [InlineData("click", typeof(MouseEventArgs))]
    [InlineData("mouseleave", typeof(MouseEventArgs))]
    [InlineData("drop", typeof(DragEventArgs))]
    [InlineData("touchend", typeof(TouchEventArgs))]
    [InlineData("toggle", typeof(EventArgs))]
    public void AHandlerTakingNoArgumentsGetsTheEventsDeclaredType(string eventName, Type declared)
    {
        Assert.Equal(declared, EventArgsTypes.For(eventName, typeof(EventKinds), typeof(EventArgs)));
    }

    [Fact]
    public void AHandlerAskingForAnotherTypeGetsItsOwn()
    {
        // A handler added by hand (RenderTreeBuilder) may take what it likes; it gets what it can take.
        Assert.Equal(typeof(ChangeEventArgs), EventArgsTypes.For("click", typeof(EventKinds), typeof(ChangeEventArgs)));
        Assert.Equal(typeof(PointerEventArgs), EventArgsTypes.For("click", typeof(EventKinds), typeof(PointerEventArgs)));
    }

    [Fact]
    public void ACustomEventIsFoundInTheComponentsAssemblyAndTheAssembliesItReferences()
    {
        Assert.Equal(typeof(CustomPasteEventArgs), EventArgsTypes.For("custompaste", typeof(EventKinds), typeof(EventArgs)));
        // Demo.App declares its own custompaste: its components get its type.
        Assert.Equal(typeof(Demo.App.CustomPasteEventArgs), EventArgsTypes.For("custompaste", typeof(Demo.App.Pages.Counter), typeof(EventArgs)));
    }

    [Fact]
    public void AnEventNoAttributeDeclaresGetsTheHandlersType()
    {
        // Blazor's own components cannot see the test assembly's custom event.
        Assert.Equal(typeof(EventArgs), EventArgsTypes.For("custompaste", typeof(InputText), typeof(EventArgs)));
        Assert.Equal(typeof(EventArgs), EventArgsTypes.For("nosuchevent", typeof(EventKinds), typeof(EventArgs)));
    }

    [Fact]
    public void TheStandardEventsAreBlazorsEventHandlers()
    {
        Assert.Equal(typeof(ChangeEventArgs), EventArgsTypes.Standard["input"]);
        Assert.Equal(typeof(WheelEventArgs), EventArgsTypes.Standard["wheel"]);
        Assert.DoesNotContain("custompaste", EventArgsTypes.Standard.Keys);
    }
}
