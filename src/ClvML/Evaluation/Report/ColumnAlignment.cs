namespace ClvML.Evaluation.Report;

/// <summary>Horizontal alignment of a table column.</summary>
public enum ColumnAlignment
{
    /// <summary>Left: text.</summary>
    Left,

    /// <summary>Right: numbers, so that digits of the same place line up.</summary>
    Right,

    /// <summary>Centred: short codes and flags.</summary>
    Center,
}
