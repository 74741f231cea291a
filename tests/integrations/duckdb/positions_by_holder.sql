-- Every position by who holds it, with the source's words: the question that
-- examples/positions_by_holder.rs answers with the library, asked of `accord export --format jsonl`.
-- Run in the export's directory. Holders sort in byte order, their claims in dataset order.
WITH claims AS (
    SELECT row_number() OVER () AS n, *
    FROM read_json('claims.jsonl', format = 'newline_delimited')
),
actors AS (
    SELECT id, name FROM read_json('people.jsonl', format = 'newline_delimited')
    UNION ALL
    SELECT id, name FROM read_json('organizations.jsonl', format = 'newline_delimited')
),
held AS (
    SELECT n, unnest(holders) AS holder, summary,
           coalesce(direct_quote, citations[1].quote) AS quote,
           citations[1].source AS source, citations[1].modality AS modality
    FROM claims
    WHERE kind = 'position'
)
SELECT held.holder, coalesce(actors.name, held.holder) AS name, summary, quote, source, modality
FROM held LEFT JOIN actors ON actors.id = held.holder
ORDER BY held.holder, n;
