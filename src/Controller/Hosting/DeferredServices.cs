namespace InfoRadio.Controller.Hosting;

/// <summary>The registered services of a type, resolved only when first enumerated (breaks construction cycles).</summary>
internal sealed class DeferredServices<T>(IServiceProvider services) : IEnumerable<T> where T : notnull
{
    public IEnumerator<T> GetEnumerator() => services.GetServices<T>().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
