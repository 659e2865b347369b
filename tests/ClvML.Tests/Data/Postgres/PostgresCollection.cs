namespace ClvML.Tests.Data.Postgres;

/// <summary>The test classes that share one throwaway PostgreSQL cluster (started once, about a second).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
