"""Near-duplicate groups across a whole backfill, in Spark.

Each article row carries the embedded store's MinHash signature and LSH band
keys (computed in Rust by ``newsgraph_store::dedup``). Articles sharing a band
key are candidates; a candidate pair is a duplicate when the share of equal
signature values (the store's estimated Jaccard similarity) is at least
``NEAR_JACCARD``. Groups are the connected components of those pairs, found by
iterated min-label propagation (each article takes the smallest input position
among its neighbours until nothing changes).

How this relates to the store: the store adds articles one at a time and puts
each in the group of its most similar earlier candidate, so a chain A~B~C where
B arrives last joins only one of A's and C's groups there, while here all
three form one component. Exact and near copies of one article (the common
case) give the same groups either way. A band shared by very many articles
(boilerplate-only pages) pairs each with its ``FANOUT`` earliest members only,
as the store looks at a few earlier members per key.
"""

from __future__ import annotations

#: Earliest members of a band that the other members are compared with.
FANOUT = 64
#: A bound on propagation rounds; duplicate groups are far shallower.
MAX_ROUNDS = 64


def candidate_pairs(articles, near: float):
    """(a, b) positions (a < b) of articles whose signatures agree on at least ``near`` of their values."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    signed = articles.filter(F.col("signature").isNotNull()).select("seq", "signature", "band_keys")
    bands = signed.select("seq", F.explode("band_keys").alias("key")).distinct()
    ranked = bands.withColumn("rank", F.row_number().over(Window.partitionBy("key").orderBy("seq")))
    heads = ranked.filter(F.col("rank") <= FANOUT).select("key", F.col("seq").alias("a"))
    pairs = (
        heads.join(ranked.select("key", F.col("seq").alias("b")), "key")
        .filter(F.col("a") < F.col("b"))
        .select("a", "b")
        .distinct()
    )
    sig_a = signed.select(F.col("seq").alias("a"), F.col("signature").alias("sa"))
    sig_b = signed.select(F.col("seq").alias("b"), F.col("signature").alias("sb"))
    # dedup::similarity: equal values over the signature length.
    equal = F.expr("aggregate(zip_with(sa, sb, (x, y) -> CAST(x = y AS INT)), 0, (acc, v) -> acc + v)")
    similarity = equal / F.size("sa")
    return (
        pairs.join(sig_a, "a")
        .join(sig_b, "b")
        .filter((F.size("sa") == F.size("sb")) & (F.size("sa") > 0) & (similarity >= F.lit(near)))
        .select("a", "b")
    )


def components(edges):
    """(v, label) for every vertex of ``edges``: label is the smallest vertex of its component."""
    from pyspark.sql import functions as F

    edges = edges.localCheckpoint()
    labels = (
        edges.select(F.col("a").alias("v"))
        .union(edges.select(F.col("b").alias("v")))
        .distinct()
        .withColumn("label", F.col("v"))
        .localCheckpoint()
    )
    for _ in range(MAX_ROUNDS):
        from_a = edges.join(labels.withColumnRenamed("v", "a"), "a").select(F.col("b").alias("v"), "label")
        from_b = edges.join(labels.withColumnRenamed("v", "b"), "b").select(F.col("a").alias("v"), "label")
        updated = labels.union(from_a).union(from_b).groupBy("v").agg(F.min("label").alias("label")).localCheckpoint()
        changed = (
            updated.join(labels.withColumnRenamed("label", "old"), "v").filter(F.col("label") != F.col("old")).count()
        )
        labels = updated
        if changed == 0:
            break
    return labels


def duplicate_groups(articles, near: float):
    """(id, group, size) for every article: ``group`` is the id of its group's first article."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    labels = components(candidate_pairs(articles, near))
    ids = articles.select("seq", "id")
    grouped = (
        ids.join(labels.withColumnRenamed("v", "seq"), "seq", "left")
        .withColumn("label", F.coalesce("label", "seq"))
        .join(ids.select(F.col("seq").alias("label"), F.col("id").alias("group")), "label")
    )
    return grouped.select("id", "group", F.count("*").over(Window.partitionBy("group")).alias("size"))
