-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "assets_search_text_folded_idx" ON "assets" USING GIN ("search_text_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "assets_registered_block_token_id_idx" ON "assets"("registered_block" DESC, "token_id");
