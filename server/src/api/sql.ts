// SQL fragments that render values the way the JSON API shows them — uint256 and block numbers as
// decimal text, times as ISO 8601 in UTC — so rows read through pg and through Prisma are the same.

/** A timestamptz as "2026-10-06T00:00:00.000Z". */
export const isoTime = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The on-chain history of an entity as a json array, oldest first (at most 500 entries). */
export const historyJson = (entityType: string, entityIdSql: string) => `(
  select coalesce(json_agg(json_build_object(
    'action', h.action, 'actor', h.actor, 'txHash', h.tx_hash, 'blockNumber', h.block_number::text,
    'logIndex', h.log_index, 'time', ${isoTime("h.block_time")}, 'details', h.details
  ) order by h.block_number, h.log_index), '[]'::json)
  from (select * from activities where entity_type = '${entityType}' and entity_id = ${entityIdSql}
        order by block_number, log_index limit 500) h)`;

/** The asset summary shown beside listings, offers, agreements and licences, as json. */
export const assetSummaryJson = (alias: string) => `json_build_object(
  'tokenId', ${alias}.token_id::text, 'kind', ${alias}.kind, 'status', ${alias}.status, 'title', ${alias}.title,
  'titleEn', ${alias}.title_en, 'field', ${alias}.field, 'trl', ${alias}.trl, 'owner', ${alias}.owner)`;

/** The same columns as json_build_object arguments, with more pairs appended when given. */
export const listingJson = (alias: string, more = "") => `json_build_object(
  'id', ${alias}.id, 'assetTokenId', ${alias}.asset_token_id::text, 'epoch', ${alias}.epoch, 'seller', ${alias}.seller,
  'paymentToken', ${alias}.payment_token, 'assignmentPrice', ${alias}.assignment_price::text,
  'exclusiveLicencePrice', ${alias}.exclusive_licence_price::text, 'nonExclusiveLicencePrice', ${alias}.non_exclusive_licence_price::text,
  'territory', ${alias}.territory, 'fieldOfUse', ${alias}.field_of_use, 'licenceDurationSeconds', ${alias}.licence_duration_seconds::text,
  'sublicensingAllowed', ${alias}.sublicensing_allowed, 'royaltyBps', ${alias}.royalty_bps, 'termsHash', ${alias}.terms_hash,
  'state', ${alias}.state, 'openedAt', ${isoTime(`${alias}.opened_at`)}, 'openedBlock', ${alias}.opened_block::text${more})`;
