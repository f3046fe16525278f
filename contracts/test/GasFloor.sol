// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC5192} from "../interfaces/IERC5192.sol";
import {IExchange} from "../interfaces/IExchange.sol";
import {LicenceTerms, Offer} from "../types/ExchangeTypes.sol";

/// @title GasFloor
/// @notice Benchmark only, never deployed: the least work a listing and an accept + settle of a
///         non-exclusive licence can do, to put the ledger's gas targets beside what the protocol
///         allows (`npm run bench:gas` prints both).
/// @dev Everything the real contracts split up is merged into one contract here: members, assets,
///      offers and licences are plain mappings of this contract (no role manager, registry or
///      licence registry to call, no pause, no reentrancy guard, no EIP-712 domain, no co-owner
///      or deadline logic, no separate acceptance event). What remains is what the issue requires
///      of any design: check the caller is a member and owns a verified asset, store the listing
///      state and emit its terms; check the offer against its commitment and the terms against
///      its hash, recover the buyer's consent, pay the seller in the settlement token (an external
///      ERC-20), accrue the fee, turn the offer's own slot into the licence record (no new slot),
///      count the licence for `balanceOf`, and emit ERC-721 `Transfer`, ERC-5192 `Locked` and one
///      settlement event carrying what an indexer needs.
contract GasFloor {
    event Settled(
        uint256 indexed id,
        uint256 indexed assetId,
        address indexed buyer,
        address seller,
        uint256 amount,
        uint256 fee,
        bytes32 documentHash,
        LicenceTerms terms
    );

    error GasFloorRefused();

    IERC20 private immutable _TOKEN;
    uint256 private _accruedFees = 1;
    mapping(address account => bool) private _members;
    mapping(uint256 assetId => uint256) private _assets;
    mapping(uint256 id => bytes32) private _slots;
    mapping(address licensee => uint256) private _balances;

    constructor(IERC20 token) {
        _TOKEN = token;
    }

    /// @notice Sets up a verified asset of `owner` (a member) and an open offer `id` on it, so the
    ///         measured calls find warm-run state (non-zero balances, existing slots).
    function seed(uint256 assetId, address owner, uint256 id, Offer calldata offer) external {
        _members[owner] = true;
        _assets[assetId] = uint256(uint160(owner)) | (2 << 160) | (1 << 217);
        _slots[id] = keccak256(abi.encode(offer));
        _balances[offer.buyer] = 1;
    }

    /// @notice Registers `assetId` as a verified asset of `owner` (a member), never listed.
    function seedAsset(uint256 assetId, address owner) external {
        _members[owner] = true;
        _assets[assetId] = uint256(uint160(owner)) | (2 << 160);
    }

    function list(
        uint256 assetId,
        uint8 dealTypes,
        uint256[3] calldata askingPrices,
        LicenceTerms calldata terms
    ) external {
        if (!_members[msg.sender]) revert GasFloorRefused();
        uint256 a = _assets[assetId];
        if (address(uint160(a)) != msg.sender || uint8(a >> 160) != 2) revert GasFloorRefused();
        uint32 epoch = uint32(a >> 222) + 1;
        _assets[assetId] = uint256(uint216(a)) | (1 << 217) | (uint256(dealTypes) << 219) | (uint256(epoch) << 222);
        emit IExchange.ListingCreated(assetId, msg.sender, epoch, dealTypes, askingPrices, terms);
    }

    function acceptLicence(
        uint256 id,
        Offer calldata offer,
        bytes32 documentHash,
        bytes calldata buyerSignature,
        LicenceTerms calldata terms
    ) external {
        if (!_members[msg.sender]) revert GasFloorRefused();
        if (_slots[id] != keccak256(abi.encode(offer))) revert GasFloorRefused();
        uint256 a = _assets[offer.assetId];
        if (address(uint160(a)) != msg.sender || uint8(a >> 160) != 2) revert GasFloorRefused();
        if (keccak256(abi.encode(terms)) != offer.termsHash) revert GasFloorRefused();
        bytes32 digest = MessageHashUtils.toEthSignedMessageHash(keccak256(abi.encode(id, documentHash)));
        if (ECDSA.recover(digest, buyerSignature) != offer.buyer) revert GasFloorRefused();
        _slots[id] = bytes32(uint256(uint160(offer.buyer)) | (block.timestamp << 160));
        unchecked {
            ++_balances[offer.buyer];
        }
        uint256 fee = (offer.amount * 250) / 10_000;
        _accruedFees += fee;
        emit IERC721.Transfer(address(0), offer.buyer, id);
        emit IERC5192.Locked(id);
        emit Settled(id, offer.assetId, offer.buyer, msg.sender, offer.amount, fee, documentHash, terms);
        if (!_TOKEN.transfer(msg.sender, offer.amount - fee)) revert GasFloorRefused();
    }
}
