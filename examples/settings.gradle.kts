rootProject.name = "blockwork-examples"
