namespace ClvML.Evaluation.Charts;

/// <summary>The rectangle data is drawn in, in SVG pixels (y grows downwards).</summary>
internal readonly record struct PlotArea(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    /// <summary>Pixel x of a fraction along the x axis.</summary>
    public double X(double fraction) => Left + fraction * Width;

    /// <summary>Pixel y of a fraction along the y axis (0 at the bottom).</summary>
    public double Y(double fraction) => Bottom - fraction * Height;
}
