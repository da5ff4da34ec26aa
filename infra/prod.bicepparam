// Production. No secrets in this file: the two secure parameters are read from the environment.
// Replace the placeholder object ids with the real role holders' Entra object ids before the first deployment.
using './main.bicep'

param environmentName = 'prod'
param appServiceSku = 'P0v3'
param securityChiefIds = '00000000-0000-0000-0000-000000000000'
param securityDeputyIds = ''
param partyContacts = ''
param parties = 'S,M,C,SD,KD,V,L,MP'
param alertEmail = 'it-drift@falkenberg.se'
param retentionDays = 730

// Secrets come from the deploying shell's environment, never from this file (see docs/deployment.md).
param downloadLinkSecret = readEnvironmentVariable('TRYGG_DOWNLOAD_LINK_SECRET')
param telemetryPseudonymKey = readEnvironmentVariable('TRYGG_TELEMETRY_PSEUDONYM_KEY')
