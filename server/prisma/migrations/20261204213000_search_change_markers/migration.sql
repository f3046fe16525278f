-- Search keeps an index of the assets in each API process and, before it answers, asks for the
-- latest change to what it indexes: these make that question an index lookup.

-- CreateIndex
CREATE INDEX "organisations_updated_at_idx" ON "organisations"("updated_at");

-- CreateIndex
CREATE INDEX "assets_updated_at_idx" ON "assets"("updated_at");

-- CreateIndex
CREATE INDEX "listings_updated_at_idx" ON "listings"("updated_at");
