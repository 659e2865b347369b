namespace ClvML.Data.Output;

/// <summary>
/// An output this process has started and not completed: a file or folder under a temporary name
/// that becomes the real one only when it is whole. Listed in <see cref="IncompleteOutputs"/> while open.
/// </summary>
internal interface IIncompleteOutput
{
    /// <summary>The temporary file or folder being written.</summary>
    string TemporaryPath { get; }

    /// <summary>
    /// Gives the output up from any thread, even while a writer is still at work: no further file is
    /// started in it, it is never completed, and what was written is deleted. Returns whether
    /// anything was deleted (false when it was already completed or removed).
    /// </summary>
    bool Abandon();
}
