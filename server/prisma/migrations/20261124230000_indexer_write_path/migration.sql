-- The indexer's write path. Every event and activity row costs an insert into each index of its
-- table, and every activity a foreign-key probe into chain_events: on a 20,000-event backfill those
-- writes were half the time. What no read needs goes (no semicolons in these comments: the migration
-- engine splits the script on them):
--   * the surrogate ids. The chain already names each event (chain, transaction, log index), which
--     becomes chain_events' primary key, reusing its unique index. An activity is named by its
--     event's place in the chain (chain, block, log index) and its entity: new rows append to the
--     end of that index instead of landing at random transaction hashes, and a reorg's rollback
--     deletes a range of it.
--   * activities' foreign key to chain_events. The indexer writes both in one transaction and a
--     rollback deletes both (store.ts rollBackAbove).
--   * the indexes on chain_events.event_name and on activities (actor, block_time), which no query reads.
-- And chain_events.args becomes json: kept as written (cheaper to store than jsonb), read back whole.

ALTER TABLE "activities" DROP CONSTRAINT "activities_chain_id_tx_hash_log_index_fkey";
DROP INDEX "activities_actor_block_time_idx";
DROP INDEX "chain_events_event_name_idx";

ALTER TABLE "activities" DROP CONSTRAINT "activities_pkey";
ALTER TABLE "activities" DROP COLUMN "id";
DROP INDEX "activities_chain_id_tx_hash_log_index_entity_type_entity_id_key";
ALTER TABLE "activities" ADD CONSTRAINT "activities_pkey" PRIMARY KEY ("chain_id", "block_number", "log_index", "entity_type", "entity_id");

ALTER TABLE "chain_events" DROP CONSTRAINT "chain_events_pkey";
ALTER TABLE "chain_events" DROP COLUMN "id";
ALTER TABLE "chain_events" ADD CONSTRAINT "chain_events_pkey" PRIMARY KEY USING INDEX "chain_events_chain_id_tx_hash_log_index_key";
ALTER TABLE "chain_events" ALTER COLUMN "args" SET DATA TYPE JSON USING "args"::json;
