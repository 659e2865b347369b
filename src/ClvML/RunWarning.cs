namespace ClvML;

/// <summary>
/// Something a run's reader must know that does not stop the run: printed to the log, listed in
/// manifest.json's "warnings" and shown in the report.
/// </summary>
/// <param name="Code">Stable snake_case name of the situation, for scripts (e.g. <c>observation_end_after_last_transaction</c>).</param>
/// <param name="Subject">What it is about: a YAML key (<c>features.observation_end</c>) or a model name (<c>bgnbd</c>).</param>
/// <param name="Message">The explanation for a person, with the figures behind it.</param>
public sealed record RunWarning(string Code, string Subject, string Message);
