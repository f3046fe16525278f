// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AssetRegistry} from "../AssetRegistry.sol";
import {Exchange} from "../Exchange.sol";
import {LicenceRegistry} from "../LicenceRegistry.sol";
import {TestVnd} from "../TestVnd.sol";
import {AssetRecord} from "../types/AssetTypes.sol";
import {Licence} from "../types/LicenceTypes.sol";
import {
    Acceptance,
    Agreement,
    DealType,
    LicenceTerms,
    ListingStatus,
    Offer,
    OfferStatus
} from "../types/ExchangeTypes.sol";
import {VM} from "./Vm.sol";

/// @notice Drives random sequences of offers, permit offers, withdrawals, rejections, expiries,
///         acceptances, registrations, refusals, deadline reclaims, licence revocations, relistings
///         and time jumps, keeps the ghost sum of what should be escrowed (offers Open or Accepted)
///         and every licence issued with the time it stopped running.
/// @dev Every action either succeeds and updates the ghost, or reverts as a whole (or, for an
///      acceptance or registration the exclusivity rules refuse, changes nothing), so the ghost
///      never drifts from the exchange's state.
contract ExchangeHandler {
    struct Tracked {
        uint256 id;
        Offer offer;
        Agreement agreement;
        OfferStatus status;
    }

    /// @notice A licence issued by a settlement; `stoppedAt` is when it was revoked (0: not revoked).
    struct Issued {
        uint256 assetId;
        uint256 licenceId;
        bool exclusive;
        uint40 start;
        uint40 end;
        uint40 stoppedAt;
    }

    bytes32 private constant _PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    Exchange public immutable EXCHANGE;
    AssetRegistry public immutable REGISTRY;
    LicenceRegistry public immutable LICENCES;
    TestVnd public immutable TOKEN;
    address public immutable IP_OFFICE;

    uint256[] private _keys;
    uint256[] private _assets;
    Tracked[] private _tracked;
    Issued[] private _issued;

    /// @notice Sum of the amounts of offers that are Open or Accepted.
    uint256 public escrowed;
    /// @notice Sum paid out to sellers and the treasury by settlements.
    uint256 public settled;
    /// @notice Sum of the fees of settled agreements (accrued in the exchange or paid to the treasury).
    uint256 public fees;
    /// @notice How many actions of each kind succeeded: offer, withdraw, reject, expire,
    ///         accept (settled at once), register, refuse, reclaim, withdraw fees, revoke, and
    ///         acceptances or registrations the exclusivity rules refused.
    uint256[11] public counts;

    constructor(
        Exchange exchange_,
        AssetRegistry registry_,
        TestVnd token_,
        address ipOffice_,
        uint256[] memory keys,
        uint256[] memory assets
    ) {
        EXCHANGE = exchange_;
        REGISTRY = registry_;
        LICENCES = LicenceRegistry(address(exchange_.licences()));
        TOKEN = token_;
        IP_OFFICE = ipOffice_;
        _keys = keys;
        _assets = assets;
    }

    function offer(
        uint256 actorSeed,
        uint256 assetSeed,
        uint256 dealSeed,
        uint256 amount,
        uint256 ttl,
        bool permit
    ) external {
        uint256 key = _keys[actorSeed % _keys.length];
        uint256 assetId = _assets[assetSeed % _assets.length];
        AssetRecord memory r = REGISTRY.record(assetId);
        if (r.owner == VM.addr(key) || r.listingStatus != uint8(ListingStatus.Open)) return;
        Offer memory o = Offer(
            assetId,
            VM.addr(key),
            r.listingEpoch,
            DealType(dealSeed % 3),
            1 + (amount % 1e15),
            uint40(block.timestamp + 1 + (ttl % 30 days)),
            keccak256(abi.encode(terms()))
        );
        uint256 offerId = permit ? _offerWithPermit(key, o) : _offerWithApproval(o);
        Tracked storage t = _tracked.push();
        t.id = offerId;
        t.offer = o;
        t.status = OfferStatus.Open;
        escrowed += o.amount;
        ++counts[0];
    }

    function withdraw(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Open);
        if (!found) return;
        Tracked storage t = _tracked[index];
        VM.prank(t.offer.buyer);
        EXCHANGE.withdrawOffer(t.id, t.offer);
        _released(t, OfferStatus.Withdrawn, 1);
    }

    function reject(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Open);
        if (!found) return;
        Tracked storage t = _tracked[index];
        VM.prank(REGISTRY.record(t.offer.assetId).owner);
        EXCHANGE.rejectOffer(t.id, t.offer, bytes32(0));
        _released(t, OfferStatus.Rejected, 2);
    }

    function expire(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Open);
        if (!found) return;
        Tracked storage t = _tracked[index];
        if (block.timestamp <= t.offer.expiry) VM.warp(uint256(t.offer.expiry) + 1);
        EXCHANGE.reclaimExpiredOffer(t.id, t.offer);
        _released(t, OfferStatus.Expired, 3);
    }

    function accept(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Open);
        if (!found) return;
        Tracked storage t = _tracked[index];
        Acceptance memory a;
        a.documentHash = keccak256(abi.encode("agreement", t.id));
        a.buyerSignature = _consent(_keyOf(t.offer.buyer), t.id, a.documentHash);
        (, uint16 feeBps, uint8 mask, uint32 period) = EXCHANGE.config();
        bool needsRegistration = mask & (1 << uint8(t.offer.dealType)) != 0;
        address seller = REGISTRY.record(t.offer.assetId).owner;
        uint32 pausedAtAcceptance = uint32(EXCHANGE.pausedSeconds());
        VM.prank(seller);
        // solhint-disable-next-line no-empty-blocks
        try EXCHANGE.acceptOffer(t.id, t.offer, a, terms()) {} catch {
            // the asset is reserved, or an exclusive licence would overlap another: nothing changed
            ++counts[10];
            return;
        }
        uint40 deadline = needsRegistration ? uint40(block.timestamp + period) : 0;
        t.agreement = Agreement(t.offer, seller, a.documentHash, deadline, feeBps, pausedAtAcceptance);
        if (needsRegistration) {
            t.status = OfferStatus.Accepted;
        } else {
            _settled(t, 4);
        }
    }

    function register(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Accepted);
        if (!found) return;
        Tracked storage t = _tracked[index];
        VM.prank(IP_OFFICE);
        // solhint-disable-next-line no-empty-blocks
        try EXCHANGE.registerAgreement(t.id, t.agreement, terms()) {} catch {
            ++counts[10];
            return;
        }
        _settled(t, 5);
    }

    /// @dev The IP office revokes a running licence.
    function revoke(uint256 seed) external {
        uint256 n = _issued.length;
        for (uint256 i; i < n; ++i) {
            Issued storage lic = _issued[(seed + i) % n];
            if (lic.stoppedAt != 0 || lic.end <= block.timestamp) continue;
            VM.prank(IP_OFFICE);
            LICENCES.revoke(lic.licenceId, bytes32(0));
            lic.stoppedAt = uint40(block.timestamp);
            ++counts[9];
            return;
        }
    }

    function issuedCount() external view returns (uint256) {
        return _issued.length;
    }

    function issued(uint256 index) external view returns (Issued memory) {
        return _issued[index];
    }

    function refuse(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Accepted);
        if (!found) return;
        Tracked storage t = _tracked[index];
        VM.prank(IP_OFFICE);
        EXCHANGE.refuseAgreement(t.id, t.agreement, bytes32(0));
        _released(t, OfferStatus.Refused, 6);
    }

    function reclaim(uint256 seed) external {
        (bool found, uint256 index) = _pick(seed, OfferStatus.Accepted);
        if (!found) return;
        Tracked storage t = _tracked[index];
        if (block.timestamp <= t.agreement.registrationDeadline) VM.warp(uint256(t.agreement.registrationDeadline) + 1);
        EXCHANGE.reclaimUnregistered(t.id, t.agreement);
        _released(t, OfferStatus.Reclaimed, 7);
    }

    /// @dev Relists an asset whose listing was closed by an assignment, as its new owner.
    function relist(uint256 assetSeed) external {
        uint256 assetId = _assets[assetSeed % _assets.length];
        AssetRecord memory r = REGISTRY.record(assetId);
        if (r.listingStatus == uint8(ListingStatus.Open)) return;
        VM.prank(r.owner);
        EXCHANGE.createListing(assetId, 7, [uint256(1), 1, 1], terms());
    }

    function withdrawFees() external {
        EXCHANGE.withdrawFees();
        ++counts[8];
    }

    function warp(uint256 secondsForward) external {
        VM.warp(block.timestamp + (secondsForward % 10 days));
    }

    /// @notice The licence terms every offer in the campaign uses (one-day licences, so exclusives lapse).
    function terms() public pure returns (LicenceTerms memory) {
        return LicenceTerms("VN", "any", 1 days, true, 0);
    }

    function _released(Tracked storage t, OfferStatus status, uint256 kind) private {
        t.status = status;
        escrowed -= t.offer.amount;
        ++counts[kind];
    }

    function _settled(Tracked storage t, uint256 kind) private {
        _released(t, OfferStatus.Settled, kind);
        settled += t.offer.amount;
        fees += (t.offer.amount * t.agreement.feeBps) / 10_000;
        if (t.offer.dealType == DealType.Assignment) return;
        Licence memory lic = LICENCES.licence(t.id);
        _issued.push(Issued(t.offer.assetId, t.id, lic.exclusive, lic.start, lic.end, 0));
    }

    /// @dev The first tracked offer in `status`, searching from a seeded starting point.
    function _pick(uint256 seed, OfferStatus status) private view returns (bool found, uint256 index) {
        uint256 n = _tracked.length;
        for (uint256 i; i < n; ++i) {
            index = (seed + i) % n;
            if (_tracked[index].status == status) return (true, index);
        }
        return (false, 0);
    }

    function _offerWithPermit(uint256 key, Offer memory o) private returns (uint256) {
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, o.amount, block.timestamp);
        VM.prank(o.buyer);
        uint256 deadline = block.timestamp;
        return EXCHANGE.makeOfferWithPermit(o.assetId, o.dealType, o.amount, o.expiry, o.termsHash, deadline, v, r, s);
    }

    function _offerWithApproval(Offer memory o) private returns (uint256 offerId) {
        VM.startPrank(o.buyer);
        TOKEN.approve(address(EXCHANGE), o.amount);
        offerId = EXCHANGE.makeOffer(o.assetId, o.dealType, o.amount, o.expiry, o.termsHash);
        VM.stopPrank();
    }

    function _keyOf(address account) private view returns (uint256) {
        for (uint256 i; i < _keys.length; ++i) if (VM.addr(_keys[i]) == account) return _keys[i];
        return 0;
    }

    function _consent(uint256 key, uint256 agreementId, bytes32 documentHash) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(key, EXCHANGE.consentDigest(agreementId, documentHash));
        return abi.encodePacked(r, s, v);
    }

    function _permit(uint256 key, uint256 value, uint256 deadline) private view returns (uint8, bytes32, bytes32) {
        address owner = VM.addr(key);
        bytes32 structHash = keccak256(
            abi.encode(_PERMIT_TYPEHASH, owner, address(EXCHANGE), value, TOKEN.nonces(owner), deadline)
        );
        return VM.sign(key, keccak256(abi.encodePacked("\x19\x01", TOKEN.DOMAIN_SEPARATOR(), structHash)));
    }
}
