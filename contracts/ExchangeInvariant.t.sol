// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Test names follow the Foundry convention test_/testFuzz_/invariant_.
// solhint-disable func-name-mixedcase

import {ExchangeHandler} from "./test/ExchangeHandler.sol";
import {TechExTestBase} from "./test/TechExTestBase.sol";
import {VM} from "./test/Vm.sol";

/// @notice Invariant: whatever sequence of offers, permit offers, withdrawals, rejections, expiries,
///         acceptances, registrations, refusals, deadline reclaims, revocations, relistings and time
///         jumps runs, the exchange holds exactly the sum of open escrows plus the accrued fees, every
///         fee is either accrued or paid to the treasury, no token is created or lost, and no
///         exclusive licence overlaps in time another running licence of the same asset.
contract ExchangeInvariantTest is TechExTestBase {
    uint256 private constant _ACTORS = 4;
    uint256 private constant _FUNDS = 1e30;

    ExchangeHandler private _handler;
    address[] private _actors;

    function setUp() public {
        _deploy();
        uint256[] memory keys = new uint256[](_ACTORS);
        keys[0] = SELLER_KEY;
        keys[1] = BUYER_KEY;
        keys[2] = 0xC0FFEE;
        keys[3] = 0xD00D;
        for (uint256 i; i < _ACTORS; ++i) {
            address actor = VM.addr(keys[i]);
            _actors.push(actor);
            if (i >= 2) membership.admit(actor, keccak256(abi.encode(i)));
            token.mint(actor, _FUNDS);
        }
        uint256[] memory assets = new uint256[](3);
        assets[0] = _listedAsset(seller, keccak256("asset 0"));
        assets[1] = _listedAsset(seller, keccak256("asset 1"));
        assets[2] = _listedAsset(_actors[2], keccak256("asset 2"));
        _handler = new ExchangeHandler(exchange, registry, token, IP_OFFICE, keys, assets);
    }

    /// @notice Only the handler is called by the invariant runner.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(_handler);
    }

    /// @notice Every handler action can succeed: a fixed sequence exercises each kind once.
    function test_handlerDrivesEveryAction() public {
        for (uint256 i; i < 12; ++i) _handler.offer(1 + (i % 3), i, i, 1e9 + i, 7 days, i % 2 == 0);
        _handler.withdraw(0);
        _handler.reject(1);
        // the second assignment and exclusive find their assets reserved: the rules refuse them
        for (uint256 i = 2; i < 8; ++i) _handler.accept(i);
        _handler.register(0);
        _handler.revoke(0);
        _handler.refuse(0);
        _handler.accept(7); // the refusal freed its asset
        _handler.reclaim(0);
        _handler.expire(0);
        _handler.relist(0);
        _handler.relist(1);
        _handler.relist(2);
        invariant_balanceIsOpenEscrowsPlusAccruedFees();
        invariant_feesAccruedOrPaid();
        _handler.withdrawFees();
        for (uint256 kind; kind < 11; ++kind) if (_handler.counts(kind) == 0) revert TestNotEqual(kind, 0);
        invariant_exclusiveLicencesNeverOverlap();
        _assertEq(token.balanceOf(address(exchange)), _handler.escrowed());
        _assertEq(token.balanceOf(TREASURY), _handler.fees());
    }

    /**
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 40
     */
    function invariant_balanceIsOpenEscrowsPlusAccruedFees() public view {
        _assertEq(token.balanceOf(address(exchange)), _handler.escrowed() + exchange.accruedFees());
    }

    /**
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 40
     */
    function invariant_feesAccruedOrPaid() public view {
        _assertEq(token.balanceOf(TREASURY) + exchange.accruedFees(), _handler.fees());
    }

    /**
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 40
     */
    function invariant_noTokenCreatedOrLost() public view {
        uint256 total = token.balanceOf(address(exchange)) + token.balanceOf(TREASURY);
        for (uint256 i; i < _actors.length; ++i) total += token.balanceOf(_actors[i]);
        _assertEq(total, _FUNDS * _ACTORS);
        _assertEq(token.totalSupply(), _FUNDS * _ACTORS);
    }

    /**
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 40
     */
    function invariant_exclusiveLicencesNeverOverlap() public view {
        uint256 n = _handler.issuedCount();
        for (uint256 i; i < n; ++i) {
            ExchangeHandler.Issued memory a = _handler.issued(i);
            for (uint256 j = i + 1; j < n; ++j) {
                ExchangeHandler.Issued memory b = _handler.issued(j);
                if (a.assetId != b.assetId || !(a.exclusive || b.exclusive)) continue;
                if (a.start < _stopped(b) && b.start < _stopped(a)) revert TestNotEqual(a.licenceId, b.licenceId);
            }
        }
    }

    /// @dev When a licence stopped running: its end, or its revocation if earlier.
    function _stopped(ExchangeHandler.Issued memory lic) private pure returns (uint40) {
        return lic.stoppedAt != 0 && lic.stoppedAt < lic.end ? lic.stoppedAt : lic.end;
    }
}
