-- The sender of each indexed event's transaction: the actor of its history entry.

-- AlterTable
ALTER TABLE "chain_events" ADD COLUMN     "tx_from" VARCHAR(42);

