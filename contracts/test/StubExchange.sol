// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILicenceRegistry} from "../interfaces/ILicenceRegistry.sol";
import {LicenceTerms} from "../types/ExchangeTypes.sol";

/// @title StubExchange
/// @notice Test-only stand-in for the exchange, so the registries' exchange-only functions can be
///         driven directly: it forwards any call (bubbling the callee's revert), keeps the licence
///         records the licence registry reads back through `licenceOf`, and answers `nextOfferId`.
contract StubExchange {
    struct Record {
        address licensee;
        bool exclusive;
        uint40 start;
        uint40 end;
    }

    mapping(uint256 agreementId => Record) private _licences;
    uint256 public nextOfferId = 1;

    function setNextOfferId(uint256 next) external {
        nextOfferId = next;
    }

    /// @notice Calls `target` with `data` as the exchange.
    function forward(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    /// @notice Keeps the licence record, then issues it in `registry` (as the real exchange does).
    function issue(
        ILicenceRegistry registry,
        uint256 agreementId,
        uint256 assetId,
        address licensee,
        bool exclusive,
        uint40 end,
        LicenceTerms calldata terms
    ) external returns (uint256 licenceId) {
        _licences[agreementId] = Record(licensee, exclusive, uint40(block.timestamp), end);
        licenceId = registry.issue(agreementId, assetId, licensee, exclusive, end, terms);
    }

    function licenceOf(
        uint256 agreementId
    ) external view returns (address licensee, bool exclusive, uint40 start, uint40 end) {
        Record memory r = _licences[agreementId];
        return (r.licensee, r.exclusive, r.start, r.end);
    }
}
