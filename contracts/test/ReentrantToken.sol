// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice Test-only malicious ERC-20: on every transfer it calls `victim` with `payload` once, to
///         prove the exchange's reentrancy guard. Records whether the re-entry succeeded.
contract ReentrantToken is ERC20 {
    address public victim;
    bytes public payload;
    bool public attacking;
    bool public reentered;
    bytes public reentryError;

    constructor() ERC20("Reentrant", "RNT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the attack: the next transfer calls `victim_` with `payload_`.
    function arm(address victim_, bytes calldata payload_) external {
        victim = victim_;
        payload = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (victim != address(0) && !attacking) {
            attacking = true;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory err) = victim.call(payload);
            reentered = ok;
            reentryError = err;
            attacking = false;
        }
    }
}
