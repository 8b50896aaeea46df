global using Infra.Core.Problems;
