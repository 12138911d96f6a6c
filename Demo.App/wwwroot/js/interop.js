// The JavaScript module the /interop page imports (IJSRuntime "import"): plain browser code, as written for Blazor.

export function valueOf(element) {
  return element.value;
}

export async function callBack(dotNet) {
  // A call into .NET from JavaScript: it runs on the server, in the page's view.
  return await dotNet.invokeMethodAsync('Called', 'JavaScript');
}

export async function sha256Of(download) {
  // A .NET stream (DotNetStreamReference) as Blazor hands it to JavaScript: its bytes come when asked for.
  const bytes = await download.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${bytes.byteLength} ${hex}`;
}
