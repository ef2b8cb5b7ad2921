"""Runs the Spark SQL that `abt-analyze --engine spark` emits on a real Spark (pyspark, local mode) and saves
the statistics table as Parquet, as a user would (packages/eval/test/interop/analysis-spark.test.ts).
Usage: spark_stats.py <query.sql> <out dir>
"""
import sys

from pyspark.sql import SparkSession

sql_file, out = sys.argv[1], sys.argv[2]
spark = (
    SparkSession.builder.master("local[2]")
    .appName("abt-analysis-interop")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.driver.memory", "1g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
with open(sql_file, encoding="utf-8") as f:
    query = f.read()
spark.sql(query).coalesce(1).write.mode("overwrite").parquet(out)
spark.stop()
