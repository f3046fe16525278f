// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the Foundry convention test_/testFuzz_/invariant_.
// solhint-disable func-name-mixedcase

import {IExchange} from "./interfaces/IExchange.sol";
import {Acceptance, Agreement, DealType, ListingStatus, Offer, OfferStatus} from "./types/ExchangeTypes.sol";
import {TechExTestBase} from "./test/TechExTestBase.sol";
import {VM} from "./test/Vm.sol";

/// @notice Fuzz tests of the exchange's arithmetic and time rules: fee split, fee cap, offer expiry,
///         registration deadline, permit offers and record tampering.
contract ExchangeFuzzTest is TechExTestBase {
    uint256 private _assetId;

    function setUp() public {
        _deploy();
        _assetId = _listedAsset(seller, keccak256("VN-1-2020-00001"));
    }

    /// @dev seller + treasury receive exactly the amount; the fee is floor(amount * bps / 10 000). The
    ///      fee accrues (or, past 40 bits, is paid at once) and `withdrawFees` pays the rest.
    function testFuzz_feeSplit(uint256 amount, uint16 feeBps) public {
        amount = _bound(amount, 1, 1e36);
        feeBps = uint16(_bound(feeBps, 0, exchange.MAX_FEE_BPS()));
        exchange.setFee(TREASURY, feeBps);
        (uint256 offerId, Offer memory offer) = _offer(
            buyer,
            _assetId,
            DealType.NonExclusiveLicence,
            amount,
            uint40(block.timestamp + 1 days)
        );
        Acceptance memory acceptance = _acceptance(BUYER_KEY, offerId);
        VM.prank(seller);
        exchange.acceptOffer(offerId, offer, acceptance, _terms());
        uint256 fee = (amount * feeBps) / 10_000;
        _assertEq(token.balanceOf(seller), amount - fee);
        _assertEq(token.balanceOf(TREASURY) + exchange.accruedFees(), fee);
        _assertEq(token.balanceOf(address(exchange)), exchange.accruedFees());
        exchange.withdrawFees();
        _assertEq(token.balanceOf(TREASURY), fee);
        _assertEq(token.balanceOf(address(exchange)), 0);
    }

    /// @dev Any fee above the cap is refused.
    function testFuzz_feeCap(uint16 feeBps) public {
        if (feeBps <= exchange.MAX_FEE_BPS()) {
            exchange.setFee(TREASURY, feeBps);
        } else {
            VM.expectRevert(abi.encodeWithSelector(IExchange.ExchangeFeeTooHigh.selector, feeBps));
            exchange.setFee(TREASURY, feeBps);
        }
    }

    /// @dev Acceptable up to and including the expiry; reclaimable strictly after it — never both, never neither.
    function testFuzz_offerExpiry(uint256 ttl, uint256 elapsed) public {
        ttl = _bound(ttl, 1, 365 days);
        elapsed = _bound(elapsed, 0, 2 * 365 days);
        uint40 expiry = uint40(block.timestamp + ttl);
        (uint256 offerId, Offer memory offer) = _offer(buyer, _assetId, DealType.NonExclusiveLicence, 1e9, expiry);
        Acceptance memory acceptance = _acceptance(BUYER_KEY, offerId);
        VM.warp(block.timestamp + elapsed);
        if (block.timestamp <= expiry) {
            VM.expectRevert(abi.encodeWithSelector(IExchange.ExchangeOfferNotExpired.selector, offerId));
            exchange.reclaimExpiredOffer(offerId, offer);
            VM.prank(seller);
            exchange.acceptOffer(offerId, offer, acceptance, _terms());
        } else {
            VM.prank(seller);
            VM.expectRevert(abi.encodeWithSelector(IExchange.ExchangeOfferExpired.selector, offerId));
            exchange.acceptOffer(offerId, offer, acceptance, _terms());
            exchange.reclaimExpiredOffer(offerId, offer);
            _assertEq(token.balanceOf(buyer), 1e9);
        }
    }

    /// @dev The IP office can register up to the deadline; the buyer can reclaim strictly after it.
    function testFuzz_registrationDeadline(uint32 period, uint256 elapsed) public {
        period = uint32(_bound(period, 1, 365 days));
        elapsed = _bound(elapsed, 0, 2 * 365 days);
        exchange.setRegistrationPolicy(1, period);
        (uint256 offerId, Offer memory offer) = _offer(
            buyer,
            _assetId,
            DealType.Assignment,
            5e9,
            uint40(block.timestamp + 1 days)
        );
        Acceptance memory acceptance = _acceptance(BUYER_KEY, offerId);
        VM.prank(seller);
        exchange.acceptOffer(offerId, offer, acceptance, _terms());
        uint40 deadline = uint40(block.timestamp + period);
        Agreement memory agreement = Agreement(offer, seller, acceptance.documentHash, deadline, FEE_BPS, 0);
        VM.warp(block.timestamp + elapsed);
        if (block.timestamp <= agreement.registrationDeadline) {
            VM.expectRevert(abi.encodeWithSelector(IExchange.ExchangeRegistrationDeadlineNotPassed.selector, offerId));
            exchange.reclaimUnregistered(offerId, agreement);
            VM.prank(IP_OFFICE);
            exchange.registerAgreement(offerId, agreement, _terms());
            _assert(registry.ownerOf(_assetId) == buyer, "assigned");
        } else {
            VM.prank(IP_OFFICE);
            VM.expectRevert(abi.encodeWithSelector(IExchange.ExchangeRegistrationDeadlinePassed.selector, offerId));
            exchange.registerAgreement(offerId, agreement, _terms());
            exchange.reclaimUnregistered(offerId, agreement);
            _assertEq(token.balanceOf(buyer), 5e9);
        }
    }

    /// @dev A permit offer escrows exactly `amount` in one call, for any signer key and amount.
    function testFuzz_permitOffer(uint256 key, uint256 amount, uint256 permitTtl) public {
        key = _bound(key, 1, 1e30);
        amount = _bound(amount, 1, 1e36);
        permitTtl = _bound(permitTtl, 0, 30 days);
        address from = VM.addr(key);
        if (from == seller) return;
        membership.admit(from, keccak256("fuzz member"));
        token.mint(from, amount);
        uint256 deadline = block.timestamp + permitTtl;
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, amount, deadline);
        VM.prank(from);
        uint256 offerId = exchange.makeOfferWithPermit(
            _assetId,
            DealType.ExclusiveLicence,
            amount,
            uint40(block.timestamp + 1 days),
            bytes32(0),
            deadline,
            v,
            r,
            s
        );
        _assertEq(token.balanceOf(address(exchange)), amount);
        _assertEq(token.balanceOf(from), 0);
        (OfferStatus status, ) = exchange.offerState(offerId);
        _assertEq(uint256(status), uint256(OfferStatus.Open));
    }

    /// @dev A permit signed by someone else never moves the caller's funds.
    function testFuzz_permitForgedReverts(uint256 forgerKey, uint256 amount) public {
        forgerKey = _bound(forgerKey, 1, 1e30);
        amount = _bound(amount, 1, 1e36);
        if (VM.addr(forgerKey) == buyer) return;
        token.mint(buyer, amount);
        (uint8 v, bytes32 r, bytes32 s) = _permit(forgerKey, amount, block.timestamp);
        VM.prank(buyer);
        VM.expectRevert();
        exchange.makeOfferWithPermit(
            _assetId,
            DealType.Assignment,
            amount,
            uint40(block.timestamp + 1),
            0,
            block.timestamp,
            v,
            r,
            s
        );
        _assertEq(token.balanceOf(buyer), amount);
    }

    /// @dev Changing any amount in the passed-back offer is refused.
    function testFuzz_tamperedOfferRejected(uint256 amount, uint256 claimed) public {
        amount = _bound(amount, 1, 1e30);
        claimed = _bound(claimed, 1, 1e30);
        if (claimed == amount) return;
        (uint256 offerId, Offer memory offer) = _offer(
            buyer,
            _assetId,
            DealType.Assignment,
            amount,
            uint40(block.timestamp + 1 days)
        );
        offer.amount = claimed;
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(IExchange.ExchangeRecordMismatch.selector, offerId));
        exchange.withdrawOffer(offerId, offer);
    }

    /// @dev Asking prices and licence terms are free-form announcements: any prices list.
    function testFuzz_listingPrices(
        uint256 assignment,
        uint256 exclusive,
        uint256 nonExclusive,
        uint8 dealTypes
    ) public {
        dealTypes = uint8(_bound(dealTypes, 1, 7));
        VM.prank(seller);
        exchange.setListingStatus(_assetId, ListingStatus.Closed);
        VM.prank(seller);
        exchange.createListing(_assetId, dealTypes, [assignment, exclusive, nonExclusive], _terms());
        _assertEq(exchange.listing(_assetId).dealTypes, dealTypes);
        _assertEq(exchange.listing(_assetId).epoch, 2);
    }
}
