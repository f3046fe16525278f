// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title ISettlementToken
/// @notice What the exchange needs of the settlement token: ERC-20 with EIP-2612 permits (the bank's
///         VND token). Named here so the production deployment (`ignition/modules/TechEx.ts`) has an
///         artifact to attach the token's address to.
// solhint-disable-next-line no-empty-blocks
interface ISettlementToken is IERC20, IERC20Permit {}
