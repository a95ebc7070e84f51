"""The Vietnamese layer: every piece of Vietnamese text handling, as pure functions over data files.

Index time and query time both call these modules, so they always agree. No other module cuts tokens, parses
numbers or dates, or keeps a word list: vocabularies live in `ingest/vn/data/` (each file's source is noted in
its README) and are read through `vocab`.

- `vntext`: Unicode, tone marks, syllables, words, sentences.
- `vocab`: the data files, loaded once.
- `words`: stop words and content terms, and how much two texts share.
- `doctypes`: document types and their codes.
- `identifiers`: document numbers, dates, percentages as canonical keys.
- `dates`, `numbers`: dates, periods, years; figures with their units.
- `gazetteer`: provinces, ministries and the bodies of the state.
- `glossary`: administrative abbreviations.
- `layout`: headings, list items and other line shapes of official documents.
- `spelling`: typo repair against the Viet74K dictionary.
"""
