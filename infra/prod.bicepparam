// Production. No secrets here: downloadLinkSecret and telemetryPseudonymKey are given on the command line.
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
