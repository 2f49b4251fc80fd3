-- The translation queue walks a version's (or a city's) Finnish texts and looks up each one's translation
-- and whether it is reviewed. With the language before the owner and the reviewed flag in the key, both
-- walks read this index alone, never the texts' rows with their bodies.
CREATE INDEX texts_by_language ON texts (version_id, lang, owner_kind, owner_key, field, reviewed);
CREATE INDEX cascade_texts_by_language ON cascade_texts (city_id, lang, owner_kind, owner_key, field, reviewed);
