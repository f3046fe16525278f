// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title PausableExchangeGate
/// @notice OpenZeppelin `Pausable` plus the one exchange address allowed through `onlyExchange`.
/// @dev The address is declared right after Pausable's flag so both share a slot: a function that is
///      both `onlyExchange` and `whenNotPaused` (licence issue, on every licence settlement) reads one
///      cold slot instead of two (saves 2.1k gas). Inherit it before any base with storage.
abstract contract PausableExchangeGate is Pausable {
    address internal _exchange;

    /// @dev Reverts with `AccessManagedUnauthorized(caller)`, as a `restricted` function would.
    modifier onlyExchange() {
        if (msg.sender != _exchange) revert IAccessManaged.AccessManagedUnauthorized(msg.sender);
        _;
    }
}
