// The same project for Gradle: `gradle run -PmainClass=com.example.MonteCarloPi`.
plugins {
    application
}

repositories {
    mavenLocal()      // `./build install -DskipTests` in the Blockwork checkout puts the jars here
    mavenCentral()
}

java {
    toolchain { languageVersion = JavaLanguageVersion.of(25) }
}

val blockworkVersion = "0.1.0-SNAPSHOT"

dependencies {
    implementation(platform("dev.blockwork:blockwork-bom:$blockworkVersion"))
    implementation("dev.blockwork:blockwork-array")
    implementation("dev.blockwork:blockwork-process")
    implementation("dev.blockwork:blockwork-async")
}

application {
    mainClass = (findProperty("mainClass") as String?) ?: "com.example.MonteCarloPi"
    applicationDefaultJvmArgs = listOf("--enable-native-access=ALL-UNNAMED")
}
