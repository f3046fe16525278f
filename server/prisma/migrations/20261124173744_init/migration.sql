-- CreateEnum
CREATE TYPE "organisation_kind" AS ENUM ('INSTITUTE', 'UNIVERSITY', 'COMPANY');

-- CreateEnum
CREATE TYPE "asset_kind" AS ENUM ('PATENT', 'UTILITY_SOLUTION', 'INDUSTRIAL_DESIGN', 'LAYOUT_DESIGN', 'SOFTWARE', 'KNOW_HOW', 'PLANT_VARIETY', 'OTHER');

-- CreateEnum
CREATE TYPE "asset_status" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED', 'SUSPENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "deal_type" AS ENUM ('ASSIGNMENT', 'EXCLUSIVE_LICENCE', 'NON_EXCLUSIVE_LICENCE');

-- CreateEnum
CREATE TYPE "listing_state" AS ENUM ('OPEN', 'PAUSED', 'CLOSED');

-- CreateEnum
CREATE TYPE "offer_state" AS ENUM ('OPEN', 'ACCEPTED', 'WITHDRAWN', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "agreement_status" AS ENUM ('AWAITING_BUYER_CONSENT', 'AWAITING_REGISTRATION', 'SETTLED', 'REFUSED', 'RECLAIMED');

-- CreateEnum
CREATE TYPE "activity_entity" AS ENUM ('ORGANISATION', 'ASSET', 'LISTING', 'OFFER', 'AGREEMENT', 'LICENCE');

-- CreateTable
CREATE TABLE "organisations" (
    "address" VARCHAR(42) NOT NULL,
    "profile_hash" VARCHAR(66),
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT,
    "kind" "organisation_kind" NOT NULL,
    "province" TEXT,
    "contact_email" TEXT,
    "contact_phone" TEXT,
    "website" TEXT,
    "admitted_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "assets" (
    "token_id" DECIMAL(78,0) NOT NULL,
    "kind" "asset_kind" NOT NULL,
    "registration_number_hash" VARCHAR(66) NOT NULL,
    "content_hash" VARCHAR(66) NOT NULL,
    "metadata_uri" TEXT,
    "protection_expires_at" TIMESTAMPTZ(3),
    "status" "asset_status" NOT NULL DEFAULT 'PENDING',
    "status_reason" TEXT,
    "owner" VARCHAR(42) NOT NULL,
    "registrant" VARCHAR(42) NOT NULL,
    "title" TEXT,
    "title_en" TEXT,
    "abstract" TEXT,
    "abstract_en" TEXT,
    "field" TEXT,
    "trl" SMALLINT,
    "search_text" TEXT NOT NULL DEFAULT '',
    "search_text_folded" TEXT NOT NULL DEFAULT '',
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "registered_block" BIGINT NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("token_id")
);

-- CreateTable
CREATE TABLE "asset_co_owners" (
    "asset_token_id" DECIMAL(78,0) NOT NULL,
    "address" VARCHAR(42) NOT NULL,
    "share_bps" INTEGER,

    CONSTRAINT "asset_co_owners_pkey" PRIMARY KEY ("asset_token_id","address")
);

-- CreateTable
CREATE TABLE "listings" (
    "id" DECIMAL(78,0) NOT NULL,
    "asset_token_id" DECIMAL(78,0) NOT NULL,
    "seller" VARCHAR(42) NOT NULL,
    "payment_token" VARCHAR(42) NOT NULL,
    "assignment_price" DECIMAL(78,0),
    "exclusive_licence_price" DECIMAL(78,0),
    "non_exclusive_licence_price" DECIMAL(78,0),
    "territory" TEXT,
    "field_of_use" TEXT,
    "licence_duration_seconds" BIGINT,
    "sublicensing_allowed" BOOLEAN NOT NULL DEFAULT false,
    "royalty_bps" INTEGER,
    "terms_hash" VARCHAR(66),
    "state" "listing_state" NOT NULL DEFAULT 'OPEN',
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "opened_block" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "listings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offers" (
    "id" DECIMAL(78,0) NOT NULL,
    "listing_id" DECIMAL(78,0) NOT NULL,
    "asset_token_id" DECIMAL(78,0) NOT NULL,
    "buyer" VARCHAR(42) NOT NULL,
    "deal_type" "deal_type" NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "state" "offer_state" NOT NULL DEFAULT 'OPEN',
    "made_at" TIMESTAMPTZ(3) NOT NULL,
    "made_block" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreements" (
    "id" DECIMAL(78,0) NOT NULL,
    "offer_id" DECIMAL(78,0) NOT NULL,
    "listing_id" DECIMAL(78,0) NOT NULL,
    "asset_token_id" DECIMAL(78,0) NOT NULL,
    "seller" VARCHAR(42) NOT NULL,
    "buyer" VARCHAR(42) NOT NULL,
    "deal_type" "deal_type" NOT NULL,
    "document_hash" VARCHAR(66) NOT NULL,
    "status" "agreement_status" NOT NULL DEFAULT 'AWAITING_BUYER_CONSENT',
    "registration_required" BOOLEAN NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "fee" DECIMAL(78,0),
    "seller_proceeds" DECIMAL(78,0),
    "deadline" TIMESTAMPTZ(3),
    "registrar" VARCHAR(42),
    "refusal_reason" TEXT,
    "created_at_chain" TIMESTAMPTZ(3) NOT NULL,
    "created_block" BIGINT NOT NULL,
    "buyer_consented_at" TIMESTAMPTZ(3),
    "settled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agreements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "licences" (
    "id" DECIMAL(78,0) NOT NULL,
    "asset_token_id" DECIMAL(78,0) NOT NULL,
    "agreement_id" DECIMAL(78,0),
    "licensee" VARCHAR(42) NOT NULL,
    "exclusive" BOOLEAN NOT NULL,
    "territory" TEXT,
    "field_of_use" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,
    "issued_block" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "licences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" BIGSERIAL NOT NULL,
    "entity_type" "activity_entity" NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" VARCHAR(42),
    "chain_id" INTEGER NOT NULL,
    "tx_hash" VARCHAR(66) NOT NULL,
    "block_number" BIGINT NOT NULL,
    "log_index" INTEGER NOT NULL,
    "block_time" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_events" (
    "id" BIGSERIAL NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_hash" VARCHAR(66) NOT NULL,
    "tx_hash" VARCHAR(66) NOT NULL,
    "log_index" INTEGER NOT NULL,
    "address" VARCHAR(42) NOT NULL,
    "event_name" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "block_time" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chain_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indexer_checkpoints" (
    "chain_id" INTEGER NOT NULL,
    "contract_set_key" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_hash" VARCHAR(66) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "indexer_checkpoints_pkey" PRIMARY KEY ("chain_id","contract_set_key")
);

-- CreateTable
CREATE TABLE "indexed_blocks" (
    "chain_id" INTEGER NOT NULL,
    "number" BIGINT NOT NULL,
    "hash" VARCHAR(66) NOT NULL,
    "parent_hash" VARCHAR(66),
    "timestamp" TIMESTAMPTZ(3),

    CONSTRAINT "indexed_blocks_pkey" PRIMARY KEY ("chain_id","number")
);

-- CreateTable
CREATE TABLE "documents" (
    "sha256" VARCHAR(66) NOT NULL,
    "size" INTEGER NOT NULL,
    "mime_type" TEXT NOT NULL,
    "is_private" BOOLEAN NOT NULL DEFAULT false,
    "uploader" VARCHAR(42),
    "original_filename" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "address" VARCHAR(42) NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "siwe_nonces" (
    "nonce" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "siwe_nonces_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "organisations_kind_province_idx" ON "organisations"("kind", "province");

-- CreateIndex
CREATE INDEX "organisations_removed_at_idx" ON "organisations"("removed_at");

-- CreateIndex
CREATE UNIQUE INDEX "assets_registration_number_hash_key" ON "assets"("registration_number_hash");

-- CreateIndex
CREATE INDEX "assets_owner_idx" ON "assets"("owner");

-- CreateIndex
CREATE INDEX "assets_registrant_idx" ON "assets"("registrant");

-- CreateIndex
CREATE INDEX "assets_status_registered_at_idx" ON "assets"("status", "registered_at");

-- CreateIndex
CREATE INDEX "assets_kind_status_idx" ON "assets"("kind", "status");

-- CreateIndex
CREATE INDEX "assets_field_idx" ON "assets"("field");

-- CreateIndex
CREATE INDEX "assets_protection_expires_at_idx" ON "assets"("protection_expires_at");

-- CreateIndex
CREATE INDEX "asset_co_owners_address_idx" ON "asset_co_owners"("address");

-- CreateIndex
CREATE INDEX "listings_asset_token_id_idx" ON "listings"("asset_token_id");

-- CreateIndex
CREATE INDEX "listings_seller_idx" ON "listings"("seller");

-- CreateIndex
CREATE INDEX "listings_state_opened_at_idx" ON "listings"("state", "opened_at");

-- CreateIndex
CREATE INDEX "listings_assignment_price_idx" ON "listings"("assignment_price");

-- CreateIndex
CREATE INDEX "listings_exclusive_licence_price_idx" ON "listings"("exclusive_licence_price");

-- CreateIndex
CREATE INDEX "listings_non_exclusive_licence_price_idx" ON "listings"("non_exclusive_licence_price");

-- CreateIndex
CREATE INDEX "offers_listing_id_state_idx" ON "offers"("listing_id", "state");

-- CreateIndex
CREATE INDEX "offers_asset_token_id_idx" ON "offers"("asset_token_id");

-- CreateIndex
CREATE INDEX "offers_buyer_state_idx" ON "offers"("buyer", "state");

-- CreateIndex
CREATE INDEX "offers_state_expires_at_idx" ON "offers"("state", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "agreements_offer_id_key" ON "agreements"("offer_id");

-- CreateIndex
CREATE INDEX "agreements_status_deadline_idx" ON "agreements"("status", "deadline");

-- CreateIndex
CREATE INDEX "agreements_seller_status_idx" ON "agreements"("seller", "status");

-- CreateIndex
CREATE INDEX "agreements_buyer_status_idx" ON "agreements"("buyer", "status");

-- CreateIndex
CREATE INDEX "agreements_asset_token_id_idx" ON "agreements"("asset_token_id");

-- CreateIndex
CREATE INDEX "agreements_document_hash_idx" ON "agreements"("document_hash");

-- CreateIndex
CREATE INDEX "licences_asset_token_id_exclusive_idx" ON "licences"("asset_token_id", "exclusive");

-- CreateIndex
CREATE INDEX "licences_agreement_id_idx" ON "licences"("agreement_id");

-- CreateIndex
CREATE INDEX "licences_licensee_idx" ON "licences"("licensee");

-- CreateIndex
CREATE INDEX "licences_ends_at_idx" ON "licences"("ends_at");

-- CreateIndex
CREATE INDEX "activities_entity_type_entity_id_block_number_log_index_idx" ON "activities"("entity_type", "entity_id", "block_number", "log_index");

-- CreateIndex
CREATE INDEX "activities_actor_block_time_idx" ON "activities"("actor", "block_time");

-- CreateIndex
CREATE UNIQUE INDEX "activities_chain_id_tx_hash_log_index_entity_type_entity_id_key" ON "activities"("chain_id", "tx_hash", "log_index", "entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "chain_events_chain_id_block_number_log_index_idx" ON "chain_events"("chain_id", "block_number", "log_index");

-- CreateIndex
CREATE INDEX "chain_events_event_name_idx" ON "chain_events"("event_name");

-- CreateIndex
CREATE UNIQUE INDEX "chain_events_chain_id_tx_hash_log_index_key" ON "chain_events"("chain_id", "tx_hash", "log_index");

-- CreateIndex
CREATE INDEX "indexed_blocks_chain_id_hash_idx" ON "indexed_blocks"("chain_id", "hash");

-- CreateIndex
CREATE INDEX "documents_uploader_created_at_idx" ON "documents"("uploader", "created_at");

-- CreateIndex
CREATE INDEX "sessions_address_idx" ON "sessions"("address");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE INDEX "siwe_nonces_expires_at_idx" ON "siwe_nonces"("expires_at");

-- AddForeignKey
ALTER TABLE "asset_co_owners" ADD CONSTRAINT "asset_co_owners_asset_token_id_fkey" FOREIGN KEY ("asset_token_id") REFERENCES "assets"("token_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "listings" ADD CONSTRAINT "listings_asset_token_id_fkey" FOREIGN KEY ("asset_token_id") REFERENCES "assets"("token_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_asset_token_id_fkey" FOREIGN KEY ("asset_token_id") REFERENCES "assets"("token_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_asset_token_id_fkey" FOREIGN KEY ("asset_token_id") REFERENCES "assets"("token_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licences" ADD CONSTRAINT "licences_asset_token_id_fkey" FOREIGN KEY ("asset_token_id") REFERENCES "assets"("token_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licences" ADD CONSTRAINT "licences_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_chain_id_tx_hash_log_index_fkey" FOREIGN KEY ("chain_id", "tx_hash", "log_index") REFERENCES "chain_events"("chain_id", "tx_hash", "log_index") ON DELETE CASCADE ON UPDATE CASCADE;
