// The JavaScript module the /interop page imports (IJSRuntime "import"): plain browser code, as written for Blazor.

export function valueOf(element) {
  return element.value;
}

export async function callBack(dotNet) {
  // A call into .NET from JavaScript: it runs on the server, in the page's view.
  return await dotNet.invokeMethodAsync('Called', 'JavaScript');
}
