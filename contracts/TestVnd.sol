// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestVnd
/// @notice The settlement token of local and test deployments: Vietnamese đồng with EIP-2612 permit.
/// @dev 0 decimals: 1 unit = 1 VND (the đồng has no minor unit in use). Deploy it only on local and
///      test networks; a real deployment points the exchange at a real VND-pegged token instead.
///      `mint` is restricted (wire it to MINTER, granted only by the local deployment).
contract TestVnd is ERC20, ERC20Permit, AccessManaged {
    /// @param manager the TechEx `AccessManager`
    constructor(
        address manager
    ) ERC20("TechEx Test VND", "tVND") ERC20Permit("TechEx Test VND") AccessManaged(manager) {}

    /// @notice Mints `amount` VND to `to`. Restricted (MINTER).
    function mint(address to, uint256 amount) external restricted {
        _mint(to, amount);
    }

    /// @dev The đồng has no minor unit.
    function decimals() public pure override returns (uint8) {
        return 0;
    }
}
