-- Statistics in short pieces (ADR 0001: on the embedded database one statement holds every other user).
-- ANALYZE of a whole 200,000-row table of people took ~0.9 s; a statistics target of 10 (enough for the
-- row counts the planner needs while an import grows the tables) takes ~60 ms, and the full target one
-- column at a time ~60–120 ms per statement.
CREATE FUNCTION canbo_analyze_columns(target regclass, columns text[], statistics_target int)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF statistics_target IS NOT NULL THEN
    PERFORM set_config('default_statistics_target', least(greatest(statistics_target, 1), 10000)::text, true);
  END IF;
  IF columns IS NULL THEN
    EXECUTE format('ANALYZE %s', target);
  ELSE
    EXECUTE format('ANALYZE %s (%s)', target,
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(columns) AS c));
  END IF;
END;
$$;
