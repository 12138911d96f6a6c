using System.Buffers.Text;
using System.Security.Cryptography;

namespace RazorFaces.State;

/// <summary>Unguessable URL-safe ids (128 random bits, 22 characters).</summary>
internal static class RandomIds
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
