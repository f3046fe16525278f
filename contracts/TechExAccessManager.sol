// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

/// @title TechExAccessManager
/// @notice The one OpenZeppelin `AccessManager` that governs the roles of every TechEx contract
///         (role ids in `Roles`). Unchanged behaviour; it exists so the build emits a deployable artifact.
contract TechExAccessManager is AccessManager {
    /// @param initialAdmin receives ADMIN (0); on a real network a multisig or timelock
    constructor(address initialAdmin) AccessManager(initialAdmin) {}
}
