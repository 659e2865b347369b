namespace ClvML.Data.Sqlite;

/// <summary>A view written beside the tables, for analysts: <c>CREATE VIEW Name AS Select</c>.</summary>
/// <param name="Name">View name.</param>
/// <param name="Select">The SELECT statement the view stands for.</param>
public sealed record SqliteView(string Name, string Select);
