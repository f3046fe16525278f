// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title LockedERC721
/// @notice The read side of ERC-721 for tokens that never move by a holder's transfer: the asset
///         registry (moves only through registered agreements) and the licence registry (soulbound).
/// @dev Every transfer and approval entry point reverts through `_transferDisabled`, so there is no
///      approval storage at all. Derived contracts keep the owner packed with their own record
///      (one slot per token instead of OpenZeppelin's owner slot plus a record slot).
abstract contract LockedERC721 is IERC721Metadata, IERC721Errors {
    using Strings for uint256;

    mapping(address owner => uint256) internal _balances;

    string private _name;
    string private _symbol;
    string private _baseTokenURI;

    constructor(string memory name_, string memory symbol_, string memory baseTokenURI_) {
        _name = name_;
        _symbol = symbol_;
        _baseTokenURI = baseTokenURI_;
    }

    /// @dev Always reverts: plain transfers are disabled.
    function transferFrom(address, address, uint256) external pure {
        _transferDisabled();
    }

    /// @dev Always reverts: plain transfers are disabled.
    function safeTransferFrom(address, address, uint256) external pure {
        _transferDisabled();
    }

    /// @dev Always reverts: plain transfers are disabled.
    function safeTransferFrom(address, address, uint256, bytes calldata) external pure {
        _transferDisabled();
    }

    /// @dev Always reverts: approvals are meaningless without transfers.
    function approve(address, uint256) external pure {
        _transferDisabled();
    }

    /// @dev Always reverts: approvals are meaningless without transfers.
    function setApprovalForAll(address, bool) external pure {
        _transferDisabled();
    }

    /// @inheritdoc IERC721
    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _balances[owner];
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) public view returns (address owner) {
        owner = _ownerOf(tokenId);
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    /// @inheritdoc IERC721
    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return address(0);
    }

    /// @inheritdoc IERC721
    function isApprovedForAll(address, address) external pure returns (bool) {
        return false;
    }

    /// @inheritdoc IERC721Metadata
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC721Metadata
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC721Metadata
    /// @dev The base URI followed by the decimal id; the server serves the metadata document there.
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return string.concat(_baseTokenURI, tokenId.toString());
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view virtual returns (bool) {
        return
            interfaceId == type(IERC165).interfaceId ||
            interfaceId == type(IERC721).interfaceId ||
            interfaceId == type(IERC721Metadata).interfaceId;
    }

    /// @dev The token's owner, zero if it does not exist.
    function _ownerOf(uint256 tokenId) internal view virtual returns (address);

    /// @dev Reverts with the derived contract's own error.
    function _transferDisabled() internal pure virtual;
}
