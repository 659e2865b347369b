using ClvML.Data;
using ClvML.Data.Sqlite;
using ClvML.Data.Tables;
using ClvML.Features;

namespace ClvML.Training;

/// <summary>
/// Views over the tables of <see cref="RunTables"/> and <see cref="CustomerMonthTable"/> that answer
/// the usual questions without joins. Revenue is a customer's sales up to the observation end as the
/// feature table counts them (total_spend, plus holdout_spend when there is a holdout), returns netted
/// per <c>data.returns</c>. A view whose tables are absent (no segmentation, a summary input) is left out.
/// <list type="bullet">
/// <item><c>segment_summary</c>: per segmentation (cluster, rfm) and segment: customers, customer_share, revenue, revenue_share, mean_clv.</item>
/// <item><c>top_&lt;attribute&gt;_by_revenue</c>: per value of each data.columns.attributes column: rank, customers, revenue, revenue_share, mean_clv.</item>
/// <item><c>favourite_&lt;attribute&gt;_by_segment</c>: per segment, the value most of its customers have (ties: more revenue, then the value), with its share.</item>
/// <item><c>cohort_retention</c>: per first-purchase month and months since: active customers, cohort size, retention.</item>
/// <item><c>m1_retention</c>: per cohort, the share active again the next month (null when that month is past the data).</item>
/// </list>
/// </summary>
public static class AnalystViews
{
    /// <summary>The views the given tables support.</summary>
    public static IReadOnlyList<SqliteView> For(IReadOnlyList<ColumnTable> tables, IReadOnlyList<string> attributes)
    {
        var features = tables.First(t => t.Name == "features");
        var names = features.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        // Column names from the feature schema, so the views follow a rename of the table's columns.
        string spend = FeatureSchema.TotalSpend.Name, holdoutSpend = FeatureSchema.HoldoutSpend.Name, id = FeatureSchema.CustomerId.Name;
        var revenue = names.Contains(holdoutSpend) ? $"(f.{spend} + f.{holdoutSpend})" : $"f.{spend}";
        if (!names.Contains(spend)) return []; // a summary input has no spend per customer
        var hasClv = tables.Any(t => t.Name == "predictions" && t.Columns.Any(c => c.Name == "clv"));
        var clvJoin = hasClv ? $"LEFT JOIN predictions p ON p.{id} = f.{id}" : "";
        var meanClv = hasClv ? "AVG(p.clv)" : "NULL";
        var segments = tables.FirstOrDefault(t => t.Name == "segments");
        var segmentations = new List<(string Name, string Column)>();
        if (segments is not null)
        {
            segmentations.Add(("cluster", "cluster_label"));
            if (segments.Columns.Any(c => c.Name == "rfm_segment")) segmentations.Add(("rfm", "rfm_segment"));
        }
        var views = new List<SqliteView>();
        if (segmentations.Count > 0)
            views.Add(new SqliteView("segment_summary", string.Join("\nUNION ALL\n", segmentations.Select(s => $"""
                SELECT '{s.Name}' AS segmentation, s.{s.Column} AS segment, COUNT(*) AS customers,
                  COUNT(*) * 1.0 / (SELECT COUNT(*) FROM features) AS customer_share,
                  SUM({revenue}) AS revenue,
                  SUM({revenue}) / (SELECT SUM({revenue.Replace("f.", "")}) FROM features) AS revenue_share,
                  {meanClv} AS mean_clv
                FROM segments s JOIN features f ON f.{id} = s.{id} {clvJoin}
                GROUP BY s.{s.Column}
                """)) + "\nORDER BY segmentation, revenue DESC"));
        foreach (var attribute in attributes.Where(names.Contains))
        {
            var column = SqlText.Quote(attribute);
            views.Add(new SqliteView($"top_{attribute}_by_revenue", $"""
                SELECT RANK() OVER (ORDER BY SUM({revenue}) DESC) AS rank, f.{column} AS {column}, COUNT(*) AS customers,
                  SUM({revenue}) AS revenue,
                  SUM({revenue}) / (SELECT SUM({revenue.Replace("f.", "")}) FROM features) AS revenue_share,
                  {meanClv} AS mean_clv
                FROM features f {clvJoin}
                GROUP BY f.{column}
                ORDER BY rank, f.{column}
                """));
            if (segmentations.Count > 0)
                views.Add(new SqliteView($"favourite_{attribute}_by_segment", $"""
                WITH counts AS (
                {string.Join("\n  UNION ALL\n", segmentations.Select(s => $"""
                  SELECT '{s.Name}' AS segmentation, s.{s.Column} AS segment, f.{column} AS value, COUNT(*) AS customers, SUM({revenue}) AS revenue
                  FROM segments s JOIN features f ON f.{id} = s.{id}
                  GROUP BY s.{s.Column}, f.{column}
                """))}),
                ranked AS (
                  SELECT *, ROW_NUMBER() OVER (PARTITION BY segmentation, segment ORDER BY customers DESC, revenue DESC, value) AS position,
                    SUM(customers) OVER (PARTITION BY segmentation, segment) AS segment_customers
                  FROM counts)
                SELECT segmentation, segment, value AS {column}, customers, segment_customers, customers * 1.0 / segment_customers AS share, revenue
                FROM ranked WHERE position = 1
                ORDER BY segmentation, segment
                """));
        }
        if (tables.Any(t => t.Name == "customer_months"))
        {
            const string Cohorts = """
                WITH firsts AS (SELECT customer_id, MIN(month_index) AS cohort FROM customer_months GROUP BY customer_id),
                sizes AS (SELECT cohort, COUNT(*) AS cohort_size FROM firsts GROUP BY cohort)
                """;
            const string MonthText = "printf('%04d-%02d', {0} / 12, {0} % 12 + 1)";
            views.Add(new SqliteView("cohort_retention", $"""
                {Cohorts}
                SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, MonthText, "f.cohort")} AS cohort_month, m.month_index - f.cohort AS months_since_first,
                  COUNT(*) AS active_customers, z.cohort_size, COUNT(*) * 1.0 / z.cohort_size AS retention
                FROM customer_months m JOIN firsts f ON f.customer_id = m.customer_id JOIN sizes z ON z.cohort = f.cohort
                GROUP BY f.cohort, m.month_index - f.cohort
                ORDER BY f.cohort, months_since_first
                """));
            views.Add(new SqliteView("m1_retention", $"""
                {Cohorts}
                SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, MonthText, "z.cohort")} AS cohort_month, z.cohort_size,
                  (SELECT COUNT(*) FROM customer_months m JOIN firsts f ON f.customer_id = m.customer_id
                   WHERE f.cohort = z.cohort AND m.month_index = z.cohort + 1) AS retained_m1,
                  CASE WHEN z.cohort + 1 <= (SELECT MAX(month_index) FROM customer_months)
                    THEN (SELECT COUNT(*) FROM customer_months m JOIN firsts f ON f.customer_id = m.customer_id
                          WHERE f.cohort = z.cohort AND m.month_index = z.cohort + 1) * 1.0 / z.cohort_size END AS m1_retention
                FROM sizes z
                ORDER BY z.cohort
                """));
        }
        return views;
    }
}
