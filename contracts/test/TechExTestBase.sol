// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AssetRegistry} from "../AssetRegistry.sol";
import {Exchange} from "../Exchange.sol";
import {LicenceRegistry} from "../LicenceRegistry.sol";
import {Membership} from "../Membership.sol";
import {TechExAccessManager} from "../TechExAccessManager.sol";
import {TestVnd} from "../TestVnd.sol";
import {AssetKind, AssetStatus} from "../types/AssetTypes.sol";
import {Acceptance, DealType, LicenceTerms, Offer} from "../types/ExchangeTypes.sol";
import {Roles} from "../utils/Roles.sol";
import {VM} from "./Vm.sol";

/// @notice Deploys and wires TechEx the way `test/contracts/fixtures.ts` does, for Solidity tests.
///         The test contract itself is the AccessManager admin and the token minter.
abstract contract TechExTestBase {
    /// @notice Thrown when a test expectation fails.
    error TestNotEqual(uint256 actual, uint256 expected);
    /// @notice Thrown when a test condition fails.
    error TestFailed(string what);

    uint16 internal constant FEE_BPS = 250;
    uint32 internal constant PERIOD = 30 days;
    uint256 internal constant SELLER_KEY = 0xA11CE;
    uint256 internal constant BUYER_KEY = 0xB0B;
    address internal constant TREASURY = address(0x7EA5);
    address internal constant IP_OFFICE = address(0x1F0);
    bytes32 private constant _PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    TechExAccessManager internal manager;
    Membership internal membership;
    AssetRegistry internal registry;
    LicenceRegistry internal licences;
    TestVnd internal token;
    Exchange internal exchange;
    address internal seller;
    address internal buyer;

    function _deploy() internal {
        manager = new TechExAccessManager(address(this));
        membership = new Membership(address(manager));
        registry = new AssetRegistry(address(manager), "");
        licences = new LicenceRegistry(address(manager), "");
        token = new TestVnd(address(manager));
        exchange = new Exchange(
            address(manager),
            registry,
            licences,
            IERC20(address(token)),
            TREASURY,
            FEE_BPS,
            uint8((1 << uint8(DealType.Assignment)) | (1 << uint8(DealType.ExclusiveLicence))),
            PERIOD
        );
        manager.setRoleAdmin(Roles.MEMBER, Roles.MEMBERSHIP);
        manager.grantRole(Roles.MEMBERSHIP, address(membership), 0);
        registry.setExchange(address(exchange));
        licences.setExchange(address(exchange));
        _setRole(address(registry), registry.setStatus.selector, Roles.IP_OFFICE);
        _setRole(address(licences), licences.revoke.selector, Roles.IP_OFFICE);
        _setRole(address(exchange), exchange.registerAgreement.selector, Roles.IP_OFFICE);
        _setRole(address(exchange), exchange.refuseAgreement.selector, Roles.IP_OFFICE);
        _setRole(address(token), token.mint.selector, Roles.MINTER);
        manager.grantRole(Roles.IP_OFFICE, IP_OFFICE, 0);
        manager.grantRole(Roles.MINTER, address(this), 0);

        seller = VM.addr(SELLER_KEY);
        buyer = VM.addr(BUYER_KEY);
        membership.admit(seller, keccak256("seller profile"));
        membership.admit(buyer, keccak256("buyer profile"));
    }

    function _setRole(address target, bytes4 selector, uint64 role) internal {
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = selector;
        manager.setTargetFunctionRole(target, selectors, role);
    }

    /// @dev Registers as `owner`, verifies and lists every deal type.
    function _listedAsset(address owner, bytes32 regNumberHash) internal returns (uint256 assetId) {
        VM.prank(owner);
        assetId = registry.register(
            AssetKind.Patent,
            regNumberHash,
            keccak256("content"),
            "ipfs://x",
            uint40(block.timestamp + 100 * 365 days),
            new address[](0)
        );
        VM.prank(IP_OFFICE);
        registry.setStatus(assetId, AssetStatus.Verified, bytes32(0));
        VM.prank(owner);
        exchange.createListing(assetId, 7, [uint256(3e9), 2e9, 1e9], _terms());
    }

    function _terms() internal pure returns (LicenceTerms memory) {
        return LicenceTerms("VN", "aquaculture", 1 days, false, 300);
    }

    /// @dev Mints, approves and offers as `from`.
    function _offer(
        address from,
        uint256 assetId,
        DealType dealType,
        uint256 amount,
        uint40 expiry
    ) internal returns (uint256 offerId, Offer memory offer) {
        token.mint(from, amount);
        bytes32 termsHash = keccak256(abi.encode(_terms()));
        VM.startPrank(from);
        token.approve(address(exchange), amount);
        offerId = exchange.makeOffer(assetId, dealType, amount, expiry, termsHash);
        VM.stopPrank();
        offer = Offer(assetId, from, registry.record(assetId).listingEpoch, dealType, amount, expiry, termsHash);
    }

    function _acceptance(uint256 buyerKey, uint256 offerId) internal view returns (Acceptance memory a) {
        a.documentHash = keccak256(abi.encode("agreement", offerId));
        a.buyerSignature = _consent(buyerKey, offerId, a.documentHash);
    }

    function _consent(uint256 key, uint256 agreementId, bytes32 documentHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(key, exchange.consentDigest(agreementId, documentHash));
        return abi.encodePacked(r, s, v);
    }

    function _permit(
        uint256 key,
        uint256 value,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        address owner = VM.addr(key);
        bytes32 structHash = keccak256(
            abi.encode(_PERMIT_TYPEHASH, owner, address(exchange), value, token.nonces(owner), deadline)
        );
        return VM.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function _assertEq(uint256 actual, uint256 expected) internal pure {
        if (actual != expected) revert TestNotEqual(actual, expected);
    }

    function _assert(bool condition, string memory what) internal pure {
        if (!condition) revert TestFailed(what);
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + (x % (max - min + 1));
    }
}
