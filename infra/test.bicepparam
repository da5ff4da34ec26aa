// Test environment. No secrets in this file: the two secure parameters are read from the environment.
using './main.bicep'

param environmentName = 'test'
param appServiceSku = 'B1'
param securityChiefIds = '00000000-0000-0000-0000-000000000000'
param securityDeputyIds = ''
param partyContacts = ''
param alertEmail = 'it-drift@falkenberg.se'
param retentionDays = 30

// Secrets come from the deploying shell's environment, never from this file (see docs/deployment.md).
param downloadLinkSecret = readEnvironmentVariable('TRYGG_DOWNLOAD_LINK_SECRET')
param telemetryPseudonymKey = readEnvironmentVariable('TRYGG_TELEMETRY_PSEUDONYM_KEY')
