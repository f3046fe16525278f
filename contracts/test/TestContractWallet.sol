// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title TestContractWallet
/// @notice Test-only EIP-1271 wallet: a signature is the wallet's when its single owner's ECDSA key
///         signed the hash, as a multisig or smart account would decide in its own way. Lets the API's
///         sign-in be tested with an address that has no key of its own.
contract TestContractWallet is IERC1271 {
    address public immutable OWNER;

    constructor(address owner_) {
        OWNER = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError failure, ) = ECDSA.tryRecoverCalldata(hash, signature);
        return failure == ECDSA.RecoverError.NoError && signer == OWNER ? this.isValidSignature.selector : bytes4(0);
    }
}
