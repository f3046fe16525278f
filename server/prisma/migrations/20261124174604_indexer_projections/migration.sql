-- Projections as the contracts emit them: listings keyed by asset and epoch (id "<asset>-<epoch>"),
-- offers keeping what callers must pass back, licence terms, organisations created before their profile.
-- Written by `prisma migrate diff`. The tables are empty before the indexer first runs.

-- DropForeignKey
ALTER TABLE "agreements" DROP CONSTRAINT "agreements_listing_id_fkey";

-- DropForeignKey
ALTER TABLE "offers" DROP CONSTRAINT "offers_listing_id_fkey";

-- DropIndex
DROP INDEX "listings_asset_token_id_idx";

-- AlterTable
ALTER TABLE "agreements" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "co_owners" VARCHAR(42)[] DEFAULT ARRAY[]::VARCHAR(42)[],
ADD COLUMN     "treasury" VARCHAR(42),
ALTER COLUMN "listing_id" SET DATA TYPE VARCHAR(90);

-- AlterTable
ALTER TABLE "licences" ADD COLUMN     "royalty_bps" INTEGER,
ADD COLUMN     "sublicensing" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "listings" DROP CONSTRAINT "listings_pkey",
ADD COLUMN     "epoch" INTEGER NOT NULL,
ALTER COLUMN "id" SET DATA TYPE VARCHAR(90),
ADD CONSTRAINT "listings_pkey" PRIMARY KEY ("id");

-- AlterTable
ALTER TABLE "offers" ADD COLUMN     "approved_document_hash" VARCHAR(66),
ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "listing_epoch" INTEGER NOT NULL,
ADD COLUMN     "rejection_reason" VARCHAR(66),
ADD COLUMN     "terms_hash" VARCHAR(66) NOT NULL,
ALTER COLUMN "listing_id" SET DATA TYPE VARCHAR(90);

-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "removal_reason" VARCHAR(66),
ALTER COLUMN "name_vi" DROP NOT NULL,
ALTER COLUMN "kind" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "listings_asset_token_id_epoch_key" ON "listings"("asset_token_id", "epoch");

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

