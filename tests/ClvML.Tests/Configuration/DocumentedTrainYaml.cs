namespace ClvML.Tests.Configuration;

/// <summary>The YAML block of shared/docs/train-yaml.md, verbatim: it documents the defaults.</summary>
internal static class DocumentedTrainYaml
{
    public const string Text = """
        run:
          name: sample                 # run directory name under output.models_dir (a suffix is added if taken)
          seed: 42                     # every random choice derives from this; same seed -> same model files

        data:
          source: sample               # sample | csv | parquet | sqlite | postgres
          kind: transactions           # transactions | summary (a precomputed per-customer summary,
                                       #   e.g. built in a warehouse: customer_id, frequency, recency, T, monetary_value)
          path: null                   # file path (csv, parquet, sqlite)
          query: null                  # sqlite/postgres: SQL returning the mapped columns
          connection_string: null      # postgres; may reference an environment variable: ${PGCONN}
          sample:                      # the built-in synthetic generator (the embedded default)
            customers: 20000
          columns:
            customer_id: customer_id
            timestamp: date
            amount: amount             # or give quantity + unit_price and amount is their product
            quantity: null
            unit_price: null
            order_id: null             # rows with the same order id are one order
            attributes: []             # extra per-customer columns kept for grouping (channel, country, ...)
          timestamp_format: null       # .NET format string(s), e.g. "yyyyMMdd" or ["M/d/yyyy H:mm"]; null = ISO 8601
          delimiter: ","                # or "whitespace" for runs of spaces/tabs (CDNOW_master.txt)
          header: true                 # false: the file has no header; name its columns with column_names
          column_names: null           # e.g. [master_id, customer_id, date, cds, amount] for CDNOW_sample.txt
          compression: auto            # auto (by extension: .gz) | none | gzip
          bad_rows: reject             # reject: write them to <run>/rejects.csv with reason, go on | fail: stop at the first
          returns: net                 # net: subtract from the customer's order/period | drop | keep

        features:
          time_unit: week              # unit of recency, T and durations: day | week | month
          purchase_period: null        # granularity at which purchases merge (day | week | month); null = time_unit.
                                       #   lifetimes' freq='D', freq_multiplier=7 (the CDNOW convention) is
                                       #   time_unit: week + purchase_period: day -> fractional weeks
          calibration_end: null        # last day of the calibration period (inclusive); null = end of data minus holdout
          observation_end: null        # last day of the holdout period; null = last transaction date
          holdout: null                # alternative to calibration_end: length of holdout in time units

        probabilistic:
          enabled: true
          transaction_models: [bgnbd, pareto_nbd, mbgnbd]   # also bgbb for discrete-period data
          spend_model: gamma_gamma
          penalizer: 0.0               # L2 on log-parameters
          fit_time_limit_seconds: 30   # a fit past this (or its evaluation budget) is skipped with the reason

        segmentation:
          enabled: true
          features: [recency, frequency, monetary_value, tenure_days]
          transform: log_standardize   # none | standardize | log_standardize
          k: auto                      # integer, or auto (chosen over k_range by silhouette / Davies-Bouldin)
          k_range: [2, 10]
          restarts: 10
          rfm_segments: true           # quintile R/F/M scores and named segments

        regression:
          enabled: true
          target: holdout_spend        # holdout_spend | holdout_frequency
          trainers: [gbdt, ridge]
          automl:
            enabled: true
            time_budget_seconds: 60
            max_trials: 200
            folds: 5
            metric: rmse               # rmse | mae | normalized_gini | spearman

        clv:
          horizon_months: 12
          discount_rate: 0.01          # per month
          margin: 1.0                  # profit margin applied to predicted spend
          acquisition_cost: 0.0        # subtracted to report net CLV
          service_cost_per_order: 0.0

        evaluation:
          report: [html, markdown, json]

        output:
          models_dir: models
        """;
}
