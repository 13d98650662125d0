// swift-tools-version:6.0
import PackageDescription

// No package dependencies, by design: the toolchain's Foundation/Dispatch/Glibc, the system's
// SQLite and libcurl (through `systemLibrary` targets), a small C shim for curl's variadic setopt and a
// small C VFS that writes each WAL commit in one call, and the SHA-256 block function on the x86 SHA
// extensions.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "intake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "intake", targets: ["intake"])
    ],
    targets: [
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"], linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "CEventPoll"),
        .target(name: "CSQLiteWAL", dependencies: ["CSQLite"], linkerSettings: [.linkedLibrary("sqlite3")]),

        .target(name: "CSHA256"),

        .target(name: "IntakeCore", dependencies: ["CSHA256"], swiftSettings: settings),
        .target(name: "IntakeMIME", dependencies: ["IntakeCore"], swiftSettings: settings),
        .target(name: "IntakeChannels", dependencies: ["IntakeCore", "IntakeMIME"], swiftSettings: settings),
        .target(name: "SQLite", dependencies: ["CSQLite", "CSQLiteWAL"], swiftSettings: settings),
        .target(name: "IntakeDesk", dependencies: ["IntakeCore", "SQLite"], swiftSettings: settings),
        .target(name: "IntakeHTTP", dependencies: ["IntakeCore", "CEventPoll"], swiftSettings: settings),
        .target(name: "Curl", dependencies: ["CCurlShim"], swiftSettings: settings),
        .target(name: "IntakeMail", dependencies: ["IntakeCore", "Curl"], swiftSettings: settings),
        .target(name: "IntakeOutbound", dependencies: ["IntakeCore", "Curl"], swiftSettings: settings),
        .target(
            name: "IntakeService",
            dependencies: ["IntakeCore", "IntakeChannels", "IntakeDesk", "IntakeHTTP", "IntakeMail", "IntakeOutbound"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "intake",
            dependencies: ["IntakeCore", "IntakeChannels", "IntakeDesk", "IntakeService", "IntakeMail", "IntakeOutbound"],
            swiftSettings: settings
        ),

        // Test helpers shared by test targets: a recording HTTP receiver on our own server, throwaway Dovecot and
        // SMTP servers, free loopback ports, temp dirs and the package root / fixture paths.
        .target(name: "IntakeTestSupport", dependencies: ["IntakeHTTP", "IntakeCore"], path: "Tests/Support", swiftSettings: settings),
        .testTarget(name: "IntakeCoreTests", dependencies: ["IntakeCore", "IntakeTestSupport"]),
        .testTarget(name: "IntakeMIMETests", dependencies: ["IntakeMIME", "IntakeCore", "IntakeTestSupport"]),
        .testTarget(name: "IntakeChannelsTests", dependencies: ["IntakeChannels", "IntakeCore", "IntakeTestSupport"]),
        .testTarget(name: "IntakeDeskTests", dependencies: ["IntakeDesk", "IntakeCore", "IntakeChannels", "SQLite", "IntakeTestSupport"]),
        .testTarget(name: "IntakeHTTPTests", dependencies: ["IntakeHTTP", "IntakeCore"]),
        .testTarget(name: "IntakeMailTests", dependencies: ["IntakeMail", "IntakeCore", "Curl", "IntakeTestSupport"]),
        .testTarget(name: "IntakeOutboundTests", dependencies: ["IntakeOutbound", "IntakeHTTP", "IntakeCore", "Curl", "IntakeTestSupport"]),
        .testTarget(
            name: "IntakeServiceTests",
            dependencies: ["IntakeService", "IntakeDesk", "IntakeHTTP", "IntakeCore", "IntakeChannels", "Curl", "IntakeTestSupport"]
        ),
        .testTarget(name: "IntakeCLITests", dependencies: ["IntakeTestSupport", "SQLite", "Curl", "IntakeDesk", "IntakeCore"]),
    ]
)
