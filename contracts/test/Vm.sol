// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The few cheatcodes the Solidity tests use (forge-std is not available offline).
interface IVm {
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert() external;
}

/// @dev The cheatcode address every Foundry-compatible runner (Hardhat 3's EDR included) intercepts.
IVm constant VM = IVm(address(uint160(uint256(keccak256("hevm cheat code")))));
